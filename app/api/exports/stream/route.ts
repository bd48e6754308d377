import { guardRoute } from '@/lib/auth/guard-route';
import { trackExport } from '@/lib/export/progress-registry';
import { exportFormSchema, exportTokenSchema } from '@/lib/export/schemas';
import { streamExportDownload } from '@/lib/export/stream-download';

export const dynamic = 'force-dynamic';

/**
 * POST /api/exports/stream (form fields of the exports form + `token`) → the new version's file as a
 * download, streamed while it is written; progress at GET /api/exports/progress?token=. A refused
 * export answers 204 with the reason in `x-export-error` (and in the progress).
 */
export const POST = guardRoute('curator', async (request, { user }) => {
  const form = Object.fromEntries([...(await request.formData()).entries()].filter(([, v]) => typeof v === 'string' && v !== ''));
  const token = exportTokenSchema.safeParse(form.token);
  // Refusals answer 204 (with the reason in a header and in the progress the page polls): the form is
  // submitted by navigation, and a 204 leaves the exports page where it is.
  if (!token.success) return refused(token.error.issues[0].message);
  const { token: _t, ...fields } = form;
  const parsed = exportFormSchema.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = `${issue.path.join('.') || 'form'}: ${issue.message}`;
    trackExport(token.data, user.id).failed(message);
    return refused(message);
  }
  return streamExportDownload({ datasetId: parsed.data.datasetId, request: parsed.data.request, user, token: token.data });
});

function refused(message: string) {
  return new Response(null, { status: 204, headers: { 'x-export-error': encodeURIComponent(message) } });
}
