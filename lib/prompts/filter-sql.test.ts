import { describe, expect, it } from 'vitest';
import { promptFilterSql } from './filter-sql';

describe('promptFilterSql', () => {
  it('only scopes to the dataset by default', () => {
    expect(promptFilterSql(7, { q: '', status: 'any' })).toEqual({ text: 'p.dataset_id = $1', params: [7] });
  });

  it('numbers placeholders from firstParam and escapes the search', () => {
    const sql = promptFilterSql(7, { q: '100%', status: 'accepted' }, 3);
    expect(sql.text).toBe("p.dataset_id = $3 AND p.id IN (SELECT s.prompt_id FROM prompt_search s WHERE s.dataset_id = $3 AND s.text ILIKE $4 ESCAPE '\\') AND p.accepted_count > 0");
    expect(sql.params).toEqual([7, '%100\\%%']);
  });

  it('has a condition per status', () => {
    expect(promptFilterSql(1, { q: '', status: 'no-candidates' }).text).toContain('NOT EXISTS');
    expect(promptFilterSql(1, { q: '', status: 'reviewed' }, 2).text).toContain('WHERE c.dataset_id = $2))');
  });
});
