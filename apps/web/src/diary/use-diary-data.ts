import type {
  CallRecord,
  EvidenceItem,
  Incident,
  Person,
  PhysicalItem,
  RiskAssessment,
  SafetyPlan,
} from '@casebook/core';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { RecordKind, RecordView } from '../data/record-types';
import { vault } from '../data/vault';
import type { UnreadableView } from '../worker/protocol';

export interface Bodies {
  incident: Incident;
  person: Person;
  call: CallRecord;
  item: PhysicalItem;
  evidence: EvidenceItem;
  risk: RiskAssessment;
  'safety-plan': SafetyPlan;
}

type Lists = { [K in RecordKind]: RecordView<Bodies[K]>[] };

export interface DiaryData {
  readonly status: 'loading' | 'ready' | 'failed';
  /**
   * Which kinds have arrived in full: the timeline is drawn from the newest incidents while
   * the older ones load; calls and items load after them. A screen that counts or analyses a
   * kind waits for it here (or says it is partial).
   */
  readonly loaded: ReadonlySet<RecordKind>;
  readonly lists: Lists;
  readonly peopleById: ReadonlyMap<string, Person>;
  /** Records whose latest revision could not be decrypted: left out of the lists above. */
  readonly unreadable: readonly UnreadableView[];
  save<K extends RecordKind>(kind: K, id: string, body: Bodies[K]): Promise<RecordView<Bodies[K]>>;
  remove<K extends RecordKind>(kind: K, id: string, reason: string): Promise<void>;
  history<K extends RecordKind>(kind: K, id: string): Promise<RecordView<Bodies[K]>[]>;
  /** Takes in a record the worker saved itself (a new evidence item after intake). */
  receive<K extends RecordKind>(kind: K, record: RecordView<Bodies[K]>): void;
}

const EMPTY: Lists = {
  incident: [],
  person: [],
  call: [],
  item: [],
  evidence: [],
  risk: [],
  'safety-plan': [],
};

/** The newest incidents, enough for a tall phone screen and some scrolling. */
const FIRST_PAGE = 50;
/** Older incidents a batch at a time: small enough that one batch is a short task. */
const LATER_PAGE = 1000;

/** Resolves after the next frame is painted (after a timeout where none is drawn). */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    // A hidden tab draws no frames: there a timeout keeps the loading going.
    if (typeof document !== 'undefined' && document.visibilityState === 'visible') {
      requestAnimationFrame(() => setTimeout(resolve, 0));
    } else setTimeout(resolve, 0);
  });
}

/**
 * `arrived` added to `list`: a record already here with a higher revision (a save made while
 * the batch was on its way) is kept over the older copy. The list's order is kept and new
 * records follow it in their batch order, so a newest-first list plus an older newest-first
 * batch stays newest-first and the screens' sort meets one sorted run (linear). Only the
 * batch is indexed, not the whole list, so each batch costs one pass over the list.
 */
export function mergeArrived(list: readonly RecordView[], arrived: readonly RecordView[]) {
  if (list.length === 0) return arrived.slice();
  const incoming = new Map(arrived.map((r) => [r.id, r]));
  const merged = list.map((here) => {
    const r = incoming.get(here.id);
    if (r === undefined) return here;
    incoming.delete(here.id);
    return here.rev < r.rev ? r : here;
  });
  for (const r of arrived) if (incoming.get(r.id) === r) merged.push(r);
  return merged;
}

function upsert<T>(list: RecordView<T>[], record: RecordView<T>): RecordView<T>[] {
  const i = list.findIndex((r) => r.id === record.id);
  if (i < 0) return [...list, record];
  const next = list.slice();
  next[i] = record;
  return next;
}

/**
 * Decrypted records for this unlocked session. The worker validated every body against the
 * core schema, so the casts below only restore the static type the worker checked.
 */
export function useDiaryDataSource(): DiaryData {
  const [lists, setLists] = useState<Lists>(EMPTY);
  const [status, setStatus] = useState<DiaryData['status']>('loading');
  const [loaded, setLoaded] = useState<ReadonlySet<RecordKind>>(new Set());
  const [unreadable, setUnreadable] = useState<readonly UnreadableView[]>([]);
  // Read again after a sync took in what another device wrote.
  const [generation, setGeneration] = useState(0);
  useEffect(
    () =>
      vault.onSynced((received) => {
        if (received > 0) setGeneration((g) => g + 1);
      }),
    [],
  );

  useEffect(() => {
    void generation;
    let live = true;
    const merge = (kind: RecordKind, records: RecordView[]) => {
      if (!live) return;
      // A save made while this list was on its way wins over the older copy in it.
      setLists((l) => ({ ...l, [kind]: mergeArrived(l[kind] as RecordView[], records) }));
    };
    const arrive = (kind: RecordKind, records: RecordView[]) => {
      merge(kind, records);
      if (live) setLoaded((k) => new Set([...k, kind]));
    };
    const damaged = async () => {
      const found = await vault.call('unreadable');
      if (live) setUnreadable(found);
    };
    // The timeline's first screen (the newest incidents, and the people they name) first; the
    // older incidents stream in behind it, then the other kinds.
    (async () => {
      const [first, person] = await Promise.all([
        vault.call('incidentPage', 0, FIRST_PAGE),
        vault.call('list', 'person'),
      ]);
      merge('incident', first.records);
      arrive('person', person);
      if (first.next === undefined) arrive('incident', []);
      if (live) setStatus('ready');
      for (let next = first.next; next !== undefined && live; ) {
        // One frame for the page between batches, so typing and scrolling are never held up.
        await nextFrame();
        const page = await vault.call('incidentPage', next, LATER_PAGE);
        merge('incident', page.records);
        next = page.next;
        if (next === undefined) arrive('incident', []);
      }
      await damaged();
      arrive('call', await vault.call('list', 'call'));
      arrive('item', await vault.call('list', 'item'));
      arrive('evidence', await vault.call('list', 'evidence'));
      arrive('risk', await vault.call('list', 'risk'));
      arrive('safety-plan', await vault.call('list', 'safety-plan'));
      await damaged();
    })().catch(() => {
      if (live) setStatus('failed');
    });
    return () => {
      live = false;
    };
  }, [generation]);

  const save = useCallback(async <K extends RecordKind>(kind: K, id: string, body: Bodies[K]) => {
    const saved = (await vault.call('put', kind, id, body)) as RecordView<Bodies[K]>;
    setLists((l) => ({ ...l, [kind]: upsert(l[kind] as RecordView<Bodies[K]>[], saved) }));
    return saved;
  }, []);

  const remove = useCallback(async <K extends RecordKind>(kind: K, id: string, reason: string) => {
    const saved = (await vault.call('remove', kind, id, reason)) as RecordView<Bodies[K]>;
    setLists((l) => ({ ...l, [kind]: upsert(l[kind] as RecordView<Bodies[K]>[], saved) }));
  }, []);

  const receive = useCallback(<K extends RecordKind>(kind: K, record: RecordView<Bodies[K]>) => {
    setLists((l) => ({ ...l, [kind]: upsert(l[kind] as RecordView<Bodies[K]>[], record) }));
  }, []);

  const history = useCallback(
    async <K extends RecordKind>(kind: K, id: string) =>
      (await vault.call('history', kind, id)) as RecordView<Bodies[K]>[],
    [],
  );

  const peopleById = useMemo(() => {
    const map = new Map<string, Person>();
    for (const r of lists.person) if (r.state === 'live') map.set(r.id, r.body);
    return map;
  }, [lists.person]);

  return useMemo(
    () => ({ status, loaded, lists, peopleById, unreadable, save, remove, history, receive }),
    [status, loaded, lists, peopleById, unreadable, save, remove, history, receive],
  );
}

export const DiaryContext = createContext<DiaryData | undefined>(undefined);

export function useDiary(): DiaryData {
  const data = useContext(DiaryContext);
  if (!data) throw new Error('useDiary outside the unlocked diary');
  return data;
}
