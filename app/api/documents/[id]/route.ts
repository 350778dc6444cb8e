import { deleteDocument, getDocument } from '@/server/http/documents-api';

export const dynamic = 'force-dynamic';
export const GET = getDocument;
export const DELETE = deleteDocument;
