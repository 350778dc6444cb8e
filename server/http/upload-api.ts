import { DEFAULT_VAULT_ID } from '@/db/schema';
import { requireUser } from '@/server/auth/caller';
import { AppError } from '@/server/errors';
import { submitUpload } from '@/server/ingest/upload';
import { id } from '@/server/documents/schemas';
import { getServices } from '@/server/services';
import { readMultipart } from './read-multipart';
import type { RouteHandler } from './route-table';

/**
 * POST /api/documents/upload: multipart/form-data with one or more `file` fields (MAX_UPLOAD_FILES at most), an
 * optional `vault_id`, and `skip_unreadable=true` to store the readable files of a folder and list the others
 * instead of rejecting the upload. A .zip archive becomes one document per file it holds (server/ingest/upload.ts).
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

  const { documents, skipped } = await submitUpload(services, user, form.files, { vaultId, skipUnreadable: form.fields.get('skip_unreadable') === 'true' });
  return Response.json(
    {
      documents: documents.map((d) => ({
        document_id: d.documentId,
        filename: d.filename,
        status: d.status,
        deduplicated: d.deduplicated,
        replaced: d.replaced,
        // For a duplicate, the title of the document already there: the uploader is told which one it is.
        title: d.title,
      })),
      skipped,
    },
    { status: 202 },
  );
};
