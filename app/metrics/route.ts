import { getMetrics } from '@/server/http/admin-api';

export const dynamic = 'force-dynamic';
export const GET = getMetrics;
