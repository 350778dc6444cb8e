import { getAgents, postAgent } from '@/server/http/agents-api';

export const dynamic = 'force-dynamic';
export const GET = getAgents;
export const POST = postAgent;
