import 'server-only';
// POST /api/import as a plain function (the route handler stays a one-liner, and this is testable
// without Next.js): multipart upload -> temp file -> importFile -> HTTP status and JSON body.
import { importFile, type ImportIssue } from './import-file';
import { MappingError, parseMapping } from './parse-mapping';
import { receiveUpload, UploadError } from './receive-upload';
import { importUploadFieldsSchema } from './schemas';

export type ImportUploadResponse =
  | { status: 201; body: { ok: true; datasetId: number; dataset: string; prompts: number; candidates: number; scores: number; createdDataset: boolean } }
  | { status: 422; body: { ok: false; errors: ImportIssue[]; errorCount: number } }
  | { status: 400 | 413; body: { ok: false; message: string } };

export async function importUpload(request: Request): Promise<ImportUploadResponse> {
  let upload;
  try {
    upload = await receiveUpload(request);
  } catch (e) {
    if (e instanceof UploadError) return { status: e.status === 413 ? 413 : 400, body: { ok: false, message: e.message } };
    throw e;
  }
  try {
    const fields = importUploadFieldsSchema.safeParse(upload.fields);
    if (!fields.success) return badRequest(fields.error.issues[0].message);
    if (!upload.file) return badRequest('file is required');
    let mapping: Record<string, string> | undefined;
    try {
      mapping = fields.data.map ? parseMapping(fields.data.map) : undefined;
    } catch (e) {
      if (e instanceof MappingError) return badRequest(e.message);
      throw e;
    }
    const result = await importFile({
      datasetName: fields.data.dataset,
      filePath: upload.file.path,
      fileLabel: upload.file.name,
      mapping,
      description: fields.data.description,
    });
    if (!result.ok) return { status: 422, body: result };
    const { datasetId, dataset, prompts, candidates, scores, createdDataset } = result;
    return { status: 201, body: { ok: true, datasetId, dataset, prompts, candidates, scores, createdDataset } };
  } finally {
    await upload.cleanup();
  }
}

function badRequest(message: string) {
  return { status: 400 as const, body: { ok: false as const, message } };
}
