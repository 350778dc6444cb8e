import { DEFAULT_VAULT_ID } from '@/db/schema';
import { requireUser } from '@/server/auth/caller';
import { AppError } from '@/server/errors';
import { checkDocument, storeDocument, type DocumentInput } from '@/server/ingest/submit';
import { id } from '@/server/documents/schemas';
import { getServices } from '@/server/services';
import { readMultipart } from './read-multipart';
import type { RouteHandler } from './route-table';

/**
 * POST /api/documents/upload: multipart/form-data with one or more `file` fields (MAX_UPLOAD_FILES at most) and an
 * optional `vault_id`. Every file is checked before any is stored, so a rejected upload stores nothing.
 */
export const postUpload: RouteHandler = async (request, { caller }) => {
  const services = await getServices();
  const user = requireUser(caller);
  const { maxUploadBytes, maxUploadFiles } = services.config.ingest;
  const form = await readMultipart(request, { maxFiles: maxUploadFiles, maxBytes: maxUploadBytes });
  if (form.files.length === 0) {
    throw new AppError('VALIDATION_ERROR', 'Choose at least one file to upload.', [{ field: 'file', message: 'required' }]);
  }
  const vaultId = form.fields.get('vault_id') || DEFAULT_VAULT_ID;
  if (!id.safeParse(vaultId).success) throw new AppError('NOT_FOUND', `Vault ${vaultId} does not exist.`);

  const inputs: DocumentInput[] = form.files.map((file) => ({ content: file.content, filename: file.filename, mimeType: file.mimeType, vaultId }));
  const checked = [];
  for (const input of inputs) checked.push({ input, format: await checkDocument(services, input) });
  const documents = [];
  for (const { input, format } of checked) {
    const submission = await storeDocument(services, user, input, format);
    documents.push({
      document_id: submission.documentId,
      filename: input.filename,
      status: submission.status,
      deduplicated: submission.deduplicated,
      replaced: submission.replaced,
      // For a duplicate, the title of the document already there: the uploader is told which one it is.
      title: submission.title,
    });
  }
  return Response.json({ documents }, { status: 202 });
};
