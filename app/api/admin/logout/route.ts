import { postLogout } from '@/server/http/admin-api';

export const dynamic = 'force-dynamic';
export const POST = postLogout;
