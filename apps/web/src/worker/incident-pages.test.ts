import { analyseCasebook } from '@casebook/core';
import { KDF_FLOOR, type RecordState, Vault } from '@casebook/vault';
import { createMemoryStore } from '@casebook/vault/memory';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordView } from '../data/record-types';
import { prepare } from '../diary/timeline-filter';
import { mergeArrived } from '../diary/use-diary-data';
import { incident } from '../insight/test-kit';
import {
  INCIDENT_ORDER,
  IncidentPages,
  type IncidentSource,
  newestFirstStates,
  sortKeyOf,
} from './incident-pages';
import { patternView } from './pattern-ops';

type LiveState = Extract<RecordState, { deleted: false }>;
const live = (label: string, local: string, offset = '+00:00', rev = 1): LiveState => {
  const body = incident(label, local);
  return {
    kind: 'incident',
    id: body.id,
    rev,
    at: '2026-05-01T09:00:00.000Z',
    deleted: false,
    body: { ...body, when: { ...body.when, start: { ...body.when.start, offset } } },
  };
};
const deleted = (label: string, at: string): RecordState => ({
  kind: 'incident',
  id: incident(label, '2026-01-01T00:00:00').id,
  rev: 2,
  at,
  deleted: true,
  reason: 'Logged twice',
});

async function allPages(
  pages: IncidentPages,
  states: RecordState[],
  count: number,
  source: IncidentSource = { list: async () => states },
) {
  const seen: RecordView[][] = [];
  let next: number | undefined = 0;
  while (next !== undefined) {
    const page = await pages.page(source, next, count);
    expect(page.total).toBe(states.length);
    seen.push(page.records);
    next = page.next;
  }
  return seen;
}

describe('incident pages, newest first', () => {
  it('sends the newest first, by when it started (offset included), tombstones by deletion', async () => {
    const states = [
      live('old', '2025-03-01T10:00:00'),
      live('newest', '2026-04-01T10:00:00'),
      // 09:30 at +02:00 is 07:30 UTC: before the 08:00 UTC one on the same day.
      live('east', '2026-03-31T09:30:00', '+02:00'),
      live('utc', '2026-03-31T08:00:00'),
      deleted('gone', '2026-03-31T08:30:00.000Z'),
    ];
    const pages = await allPages(new IncidentPages(), states, 2);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    const order = pages.flat().map((r) => r.id.replace(/_+$/, ''));
    expect(order).toEqual(['newest', 'gone', 'utc', 'east', 'old']);
    expect(pages.flat()[1]?.state).toBe('deleted');
  });

  it('checks each body against the schema: a bad one is sent as unreadable (by when saved), not dropped', async () => {
    const bad: LiveState = { ...live('bad', '2026-01-01T00:00:00'), body: { when: 'yesterday' } };
    const pages = await allPages(
      new IncidentPages(),
      [bad, live('good', '2026-02-01T00:00:00')],
      10,
    );
    expect(pages.flat().map((r) => r.state)).toEqual(['unreadable', 'live']);
    expect(sortKeyOf(bad)).toBe(Date.parse(bad.at));
  });

  it('reads later pages from the snapshot page 0 took, so nothing is skipped or sent twice', async () => {
    const states = Array.from({ length: 7 }, (_, i) => live(`n${i}`, `2026-01-0${i + 1}T12:00:00`));
    const pages = new IncidentPages();
    let listed = 0;
    const list = async () => {
      listed++;
      // A save in between: the listing changes, the snapshot does not.
      return listed === 1 ? states : [live('late', '2027-01-01T00:00:00'), ...states];
    };
    const first = await pages.page({ list }, 0, 3);
    const second = await pages.page({ list }, first.next ?? -1, 3);
    const third = await pages.page({ list }, second.next ?? -1, 3);
    expect(listed).toBe(1);
    expect(third.next).toBeUndefined();
    const ids = [...first.records, ...second.records, ...third.records].map((r) => r.id);
    expect(new Set(ids).size).toBe(7);
    // A fresh page 0 (the next unlock) lists again and sees the save.
    expect((await pages.page({ list }, 0, 3)).records[0]?.id).toBe(live('late', '2027').id);
  });

  it('gives the same order as the timeline draws, for any incidents and page size', async () => {
    const when = fc
      .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 19));
    const offset = fc.constantFrom('+00:00', '+01:00', '-05:00', '+05:30');
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(
          fc.tuple(
            fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 4, maxLength: 8 }),
            when,
            offset,
          ),
          {
            selector: (t) => t[0],
            maxLength: 40,
          },
        ),
        fc.integer({ min: 1, max: 12 }),
        async (rows, count) => {
          const states = rows.map(([label, local, off]) => live(label, local, off));
          const sent = (await allPages(new IncidentPages(), states, count)).flat();
          expect(sent).toHaveLength(states.length);
          const drawn = prepare(sent as RecordView<never>[], new Map()).map((e) => e.record.id);
          // Ties (the same instant) may come in either order; the keys must agree.
          const key = (id: string) => sortKeyOf(states.find((s) => s.id === id) as RecordState);
          expect(sent.map((r) => key(r.id))).toEqual(drawn.map(key));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps the newest-first order stable for equal times (saved last first, then by id)', () => {
    const a = { ...live('a', '2026-01-01T00:00:00'), at: '2026-01-02T00:00:00.000Z' };
    const b = { ...live('b', '2026-01-01T00:00:00'), at: '2026-01-03T00:00:00.000Z' };
    expect(newestFirstStates([a, b]).map((s) => s.id)).toEqual([b.id, a.id]);
  });
});

describe('incident pages from the sort hint', () => {
  const states = Array.from({ length: 9 }, (_, i) => live(`h${i}`, `2026-02-0${i + 1}T12:00:00`));
  const sorted = newestFirstStates(states);

  it('sends page 0 from the hint, the rest from one snapshot, and writes the hint again', async () => {
    let kept = 0;
    const source: IncidentSource = {
      list: async () => states,
      first: async (n) => ({ states: sorted.slice(0, n), total: states.length }),
      keepHint: async () => ++kept,
    };
    const pages = await allPages(new IncidentPages(), states, 4, source);
    expect(pages.flat().map((r) => r.id)).toEqual(sorted.map((s) => s.id));
    expect(kept).toBe(1);
  });

  it('starts again from the top when the snapshot does not begin with what the hint sent', async () => {
    // Page 0 lacks the newest (saved after the hint, say): later pages must still bring it.
    const source: IncidentSource = {
      list: async () => states,
      first: async (n) => ({ states: sorted.slice(1, n + 1), total: states.length }),
    };
    const sent = (await allPages(new IncidentPages(), states, 3, source)).flat();
    expect(new Set(sent.map((r) => r.id))).toEqual(new Set(states.map((s) => s.id)));
    // Page 0 lacked the newest: a later page brought it.
    expect(sent.slice(3).map((r) => r.id)).toContain(sorted[0]?.id);
  });

  it('starts again from the top when an incident on page 0 has a newer revision by then', async () => {
    const edited = { ...sorted[1], rev: 2 } as RecordState;
    const now = sorted.map((s, i) => (i === 1 ? edited : s));
    const source: IncidentSource = {
      list: async () => now,
      first: async (n) => ({ states: sorted.slice(0, n), total: sorted.length }),
    };
    const pages = new IncidentPages();
    await pages.page(source, 0, 3);
    const second = await pages.page(source, 3, 3);
    // Sent again from the top, so the page takes the edited revision.
    expect(second.records[1]).toMatchObject({ id: edited.id, rev: 2 });
  });

  it('lets a page call from an earlier run change nothing of the run that began after it', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow: IncidentSource = {
      list: async () => {
        await held;
        return states.slice(0, 4);
      },
    };
    const source: IncidentSource = {
      list: async () => states,
      first: async (n) => ({ states: sorted.slice(0, n), total: states.length }),
    };
    const pages = new IncidentPages();
    const stale = pages.page(slow, 4, 4);
    const first = await pages.page(source, 0, 4);
    release();
    await stale;
    // The new run's later pages come from its own listing, after what its page 0 sent.
    const rest: RecordView[] = [];
    for (let next = first.next; next !== undefined; ) {
      const page = await pages.page(source, next, 4);
      rest.push(...page.records);
      next = page.next;
    }
    expect([...first.records, ...rest].map((r) => r.id)).toEqual(sorted.map((s) => s.id));
  });

  it('reads the whole listing when the hint has nothing, fails, or all fits on page 0', async () => {
    for (const first of [
      async () => undefined,
      async () => {
        throw new Error('damaged');
      },
      async () => ({ states: sorted, total: sorted.length }),
    ]) {
      let listed = 0;
      const source: IncidentSource = {
        list: async () => {
          listed++;
          return states;
        },
        first,
      };
      const page = await new IncidentPages().page(source, 0, 20);
      expect(page.records.map((r) => r.id)).toEqual(sorted.map((s) => s.id));
      expect(listed).toBe(1);
    }
  });

  it('matches the full order through a real vault, after saves since the hint', async () => {
    const PASS = 'correct horse battery staple';
    const store = createMemoryStore();
    const { vault } = await Vault.create(store, PASS, { kdf: KDF_FLOOR });
    const many = Array.from({ length: 120 }, (_, i) =>
      live(
        `v${i}`,
        `2026-0${1 + (i % 9)}-1${i % 10}T0${i % 10}:00:00`,
        i % 3 ? '+01:00' : '+00:00',
      ),
    );
    await vault.createMany(
      many.map((s) => ({ kind: 'incident', id: s.id, body: (s as LiveState).body })),
    );
    await vault.list('incident');
    expect(await vault.keepSortHint('incident', INCIDENT_ORDER)).toBe(true);
    await vault.put('incident', 'late', live('late', '2027-01-01T00:00:00').body);
    await vault.lock();
    const opened = await Vault.unlock(store, PASS, { kdf: KDF_FLOOR });
    if (!opened.ok) throw new Error(opened.message);
    const v = opened.value;
    const first = await v.firstInOrder('incident', INCIDENT_ORDER, 50);
    expect(first?.states).toHaveLength(50);
    const whole = newestFirstStates(await v.list('incident'));
    expect(first?.states.map((s) => s.id)).toEqual(whole.slice(0, 50).map((s) => s.id));
    expect(first?.states[0]?.id).toBe('late');
  });
});

describe('merging a batch that arrives after a save', () => {
  const record = (id: string, rev: number): RecordView => ({
    kind: 'incident',
    id,
    rev,
    at: '2026-01-01T00:00:00.000Z',
    state: 'deleted',
    reason: `rev ${rev}`,
  });

  it('keeps the saved, higher revision over the older copy in the batch, and adds the rest', () => {
    const merged = mergeArrived(
      [record('a', 3), record('new', 1)],
      [record('a', 2), record('b', 1)],
    );
    expect(merged.map((r) => `${r.id}@${r.rev}`).sort()).toEqual(['a@3', 'b@1', 'new@1']);
    expect(mergeArrived([record('a', 1)], [record('a', 2)])[0]?.rev).toBe(2);
  });

  it('keeps the list in place and appends the batch in its own order', () => {
    const merged = mergeArrived(
      [record('n1', 1), record('n2', 1), record('n3', 1)],
      [record('n2', 2), record('o1', 1), record('o2', 1)],
    );
    expect(merged.map((r) => `${r.id}@${r.rev}`)).toEqual(['n1@1', 'n2@2', 'n3@1', 'o1@1', 'o2@1']);
  });
});

describe('Pattern in the worker', () => {
  it('is the analysis of the live incidents only, with the linked incidents it draws', () => {
    const states = [
      live('one', '2026-03-02T10:00:00'),
      live('two', '2026-03-09T10:00:00'),
      live('three', '2026-03-10T10:00:00'),
      deleted('gone', '2026-03-11T10:00:00.000Z'),
      { ...live('bad', '2026-03-12T10:00:00'), body: { nope: true } } as LiveState,
    ];
    const now = '2026-03-20T12:00:00.000Z';
    const view = patternView(states, now, 'Europe/London');
    const expected = analyseCasebook(
      states.slice(0, 3).map((s) => (s.deleted ? undefined : s.body) as never),
      { now: new Date(now), zone: 'Europe/London' },
    );
    expect(view.analysis).toEqual(expected);
    expect(view.analysis.total).toBe(3);
    expect(Object.keys(view.incidents).sort()).toEqual(
      [...view.analysis.courseOfConduct.incidentIds].sort(),
    );
    expect(view.chart.stacks.weeks.reduce((n, w) => n + w.total, 0)).toBe(3);
    // Plain data: it crosses to the page by structured clone.
    expect(structuredClone(view)).toEqual(view);
  });
});
