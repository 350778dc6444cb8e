import { postIngest } from '@/server/http/documents-api';

export const dynamic = 'force-dynamic';
export const POST = postIngest;
