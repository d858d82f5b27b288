import { describe, expect, it } from 'vitest';
import type { RecordView } from '../data/record-types';
import { newestFirst } from './newest-first';

const live = (id: string, t: number): RecordView<{ t: number }> => ({
  kind: 'call',
  id,
  rev: 1,
  at: '2026-01-01T00:00:00Z',
  state: 'live',
  body: { t },
});

describe('newestFirst', () => {
  it('orders live records by their own time and tombstones by when they were saved', () => {
    const gone: RecordView<{ t: number }> = {
      kind: 'call',
      id: 'gone',
      rev: 2,
      at: '2026-02-01T00:00:00Z',
      state: 'deleted',
      reason: 'duplicate',
    };
    const ordered = newestFirst(
      [live('a', Date.parse('2026-01-05')), gone, live('b', Date.parse('2026-03-01'))],
      (b) => b.t,
    );
    expect(ordered.map((r) => r.id)).toEqual(['b', 'gone', 'a']);
  });
});
