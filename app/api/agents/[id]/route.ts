import { deleteAgent, getAgent } from '@/server/http/agents-api';

export const dynamic = 'force-dynamic';
export const GET = getAgent;
export const DELETE = deleteAgent;
