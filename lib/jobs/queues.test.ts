import { describe, expect, it } from 'vitest';
import { chunkPrompts, endpointOfQueue, generateQueue } from './queues';

describe('queues', () => {
  it('chunks prompts by requests per prompt', () => {
    const ids = Array.from({ length: 100 }, (_, i) => i);
    expect(chunkPrompts(ids, 8).map((c) => c.length)).toEqual(Array(25).fill(4));
    expect(chunkPrompts(ids, 1)[0]).toHaveLength(32);
    expect(chunkPrompts(ids, 100)[0]).toHaveLength(1);
    expect(chunkPrompts([], 8)).toEqual([]);
  });

  it('names a queue per endpoint', () => {
    expect(endpointOfQueue(generateQueue(42))).toBe(42);
    expect(endpointOfQueue('other')).toBeNull();
  });
});
