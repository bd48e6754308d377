// URLs of the browse pages. Pure, shared by server and client components.
import { encodeCursor } from './cursor';
import { promptListSearchParams, type PromptFilter } from './schemas';

/** A prompt page that keeps the list's filter, so prev/next there walk the same list. */
export function promptHref(datasetId: number, promptId: number, filter: PromptFilter) {
  const params = promptListSearchParams({ q: filter.q, status: filter.status }).toString();
  return `/datasets/${datasetId}/prompts/${promptId}${params ? `?${params}` : ''}`;
}

/** The prompt list with a filter; with `startAfter`, the page that begins just after that prompt id. */
export function promptListHref(datasetId: number, filter: PromptFilter, startAfter?: number | null) {
  const params = promptListSearchParams({ q: filter.q, status: filter.status, after: startAfter ? encodeCursor(startAfter) : undefined }).toString();
  return `/datasets/${datasetId}${params ? `?${params}` : ''}`;
}
