import { describe, expect, it } from 'vitest';
import { formatIssue, IssueLog, MAX_COUNTED_ERRORS, MAX_REPORTED_ERRORS } from './issue-log';

describe('formatIssue', () => {
  it('names file, line and field', () => {
    expect(formatIssue({ file: 'data.jsonl', line: 17, field: 'messages[1].role', message: 'expected one of system|user|assistant' })).toBe(
      'data.jsonl:17: field "messages[1].role": expected one of system|user|assistant',
    );
    expect(formatIssue({ file: 'data.jsonl', line: 3, message: 'invalid JSON: x' })).toBe('data.jsonl:3: invalid JSON: x');
    expect(formatIssue({ file: 'd.parquet', line: 5, unit: 'row', field: 'prompt', message: 'expected a string' })).toBe(
      'd.parquet: row 5: field "prompt": expected a string',
    );
    expect(formatIssue({ file: 'd.csv', line: 0, message: 'file is empty (no records)' })).toBe('d.csv: file is empty (no records)');
  });
});

describe('IssueLog', () => {
  it('keeps the first errors and counts the rest', () => {
    const log = new IssueLog();
    for (let i = 1; i <= 120; i++) log.add({ file: 'f', line: i, message: 'm' });
    expect(log.issues).toHaveLength(MAX_REPORTED_ERRORS);
    expect(log.issues[0].line).toBe(1);
    expect(log.count).toBe(120);
    expect(log.full).toBe(false);
    for (let i = 120; i < MAX_COUNTED_ERRORS; i++) log.add({ file: 'f', line: i, message: 'm' });
    expect(log.full).toBe(true);
  });
});
