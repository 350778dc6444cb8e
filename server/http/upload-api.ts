import { DEFAULT_VAULT_ID } from '@/db/schema';
import { requireUser } from '@/server/auth/caller';
import { AppError } from '@/server/errors';
import { checkDocument, formatBytes, submitDocument } from '@/server/ingest/submit';
import { id } from '@/server/documents/schemas';
import { getServices } from '@/server/services';
import { readBody } from './read-body';
import type { RouteHandler } from './route-table';

// Multipart framing around the files; the files themselves are held to MAX_UPLOAD_BYTES.
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/**
 * POST /api/documents/upload: multipart/form-data with one or more `file` fields and an optional `vault_id`.
 * Every file is checked before any is stored, so a rejected upload stores nothing.
 */
export const postUpload: RouteHandler = async (request, { caller }) => {
  const services = await getServices();
  const user = requireUser(caller);
  const limit = services.config.ingest.maxUploadBytes;
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('multipart/form-data')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Upload files as multipart/form-data in fields named "file".');
  }
  let form: FormData;
  try {
    const body = await readBody(request, limit + MULTIPART_OVERHEAD_BYTES);
    form = await new Response(body, { headers: { 'content-type': type } }).formData();
  } catch (error) {
    if (error instanceof AppError) {
      throw new AppError('PAYLOAD_TOO_LARGE', `The upload is larger than the limit of ${formatBytes(limit)}.`, { limit });
    }
    throw new AppError('VALIDATION_ERROR', 'The upload could not be read as multipart/form-data.');
  }
  const files = form.getAll('file').filter((value): value is File => typeof value !== 'string');
  if (files.length === 0) {
    throw new AppError('VALIDATION_ERROR', 'Choose at least one file to upload.', [{ field: 'file', message: 'required' }]);
  }
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (total > limit) {
    throw new AppError('PAYLOAD_TOO_LARGE', `The upload is ${formatBytes(total)}; the limit is ${formatBytes(limit)}.`, { limit });
  }
  const vaultField = form.get('vault_id');
  const vaultId = typeof vaultField === 'string' && vaultField !== '' ? vaultField : DEFAULT_VAULT_ID;
  if (!id.safeParse(vaultId).success) throw new AppError('NOT_FOUND', `Vault ${vaultId} does not exist.`);

  const inputs = await Promise.all(
    files.map(async (file) => ({
      content: new Uint8Array(await file.arrayBuffer()),
      filename: file.name,
      mimeType: file.type || null,
      vaultId,
    })),
  );
  for (const input of inputs) checkDocument(services, input);
  const documents = [];
  for (const [i, file] of files.entries()) {
    const submission = await submitDocument(services, user, inputs[i]!);
    documents.push({
      document_id: submission.documentId,
      filename: file.name,
      status: submission.status,
      deduplicated: submission.deduplicated,
      replaced: submission.replaced,
    });
  }
  return Response.json({ documents }, { status: 202 });
};
