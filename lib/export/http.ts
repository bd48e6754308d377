import 'server-only';
// Helpers of the exports route handlers: query string → export request, file download headers.
import { exportFormSchema } from './schemas';

/** `?datasetId=&format=&status=&topK=&minScore=&evaluators=a=pass,b=fail&minMargin=&pairsPerPrompt=&parquet=` */
export function parseExportQuery(params: URLSearchParams) {
  return exportFormSchema.safeParse(Object.fromEntries([...params.entries()].filter(([, v]) => v !== '')));
}

/** Content-Disposition for a download; the name is ASCII-safe with the UTF-8 original alongside. */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
