import type { ImportIssue } from './types';

/** Errors returned to the caller in full; the rest are only counted. */
export const MAX_REPORTED_ERRORS = 50;
/** Parsing stops after this many errors: the file is clearly not what the importer expects. */
export const MAX_COUNTED_ERRORS = 10_000;

/** Collects the first errors of an import and counts the rest. */
export class IssueLog {
  readonly issues: ImportIssue[] = [];
  count = 0;

  add(issue: ImportIssue) {
    this.count++;
    if (this.issues.length < MAX_REPORTED_ERRORS) this.issues.push(issue);
  }

  get full() {
    return this.count >= MAX_COUNTED_ERRORS;
  }
}

/** `data.jsonl:17: field "messages[1].role": expected one of system|user|assistant` */
export function formatIssue(issue: ImportIssue): string {
  const where = issue.line <= 0 ? `${issue.file}:` : issue.unit === 'row' ? `${issue.file}: row ${issue.line}:` : `${issue.file}:${issue.line}:`;
  return `${where}${issue.field ? ` field "${issue.field}":` : ''} ${issue.message}`;
}
