import { postUpload } from '@/server/http/upload-api';

export const dynamic = 'force-dynamic';
export const POST = postUpload;
