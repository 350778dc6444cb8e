import { postLogin } from '@/server/http/admin-api';

export const dynamic = 'force-dynamic';
export const POST = postLogin;
