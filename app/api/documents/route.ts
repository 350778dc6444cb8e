import { getDocuments } from '@/server/http/documents-api';

// GET /documents from API clients is rewritten here by proxy.ts (browsers get the upload page).
export const dynamic = 'force-dynamic';
export const GET = getDocuments;
