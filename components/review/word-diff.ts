// Word-level diff of two candidates for the side-by-side view. Pure (jsdiff).
import { diffWordsWithSpace } from 'diff';

export type Segment = { text: string; kind: 'same' | 'removed' | 'added' };

export type SideBySide = { left: Segment[]; right: Segment[]; changed: number; same: number };

/** Left: text A with what B lacks marked removed. Right: text B with what A lacks marked added. */
export function sideBySide(a: string, b: string): SideBySide {
  const left: Segment[] = [];
  const right: Segment[] = [];
  let changed = 0;
  let same = 0;
  for (const part of diffWordsWithSpace(a, b)) {
    const words = part.value.trim() ? part.value.trim().split(/\s+/).length : 0;
    if (part.added) {
      right.push({ text: part.value, kind: 'added' });
      changed += words;
    } else if (part.removed) {
      left.push({ text: part.value, kind: 'removed' });
      changed += words;
    } else {
      left.push({ text: part.value, kind: 'same' });
      right.push({ text: part.value, kind: 'same' });
      same += words;
    }
  }
  return { left, right, changed, same };
}
