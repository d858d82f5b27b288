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
  /** Which kinds have arrived: calls and items load after the timeline is on screen. */
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

  useEffect(() => {
    let live = true;
    const arrive = (kind: RecordKind, records: RecordView[]) => {
      if (!live) return;
      // A save made while this list was on its way wins over the older copy in it.
      setLists((l) => {
        const merged = new Map(records.map((r) => [r.id, r]));
        for (const r of l[kind] as RecordView[]) {
          const other = merged.get(r.id);
          if (!other || other.rev < r.rev) merged.set(r.id, r);
        }
        return { ...l, [kind]: [...merged.values()] };
      });
      setLoaded((k) => new Set([...k, kind]));
    };
    // The timeline first (incidents and the people they name), then the rest behind it.
    (async () => {
      const [incident, person] = await Promise.all([
        vault.call('list', 'incident'),
        vault.call('list', 'person'),
      ]);
      arrive('incident', incident);
      arrive('person', person);
      const damaged = async () => {
        const found = await vault.call('unreadable');
        if (live) setUnreadable(found);
      };
      await damaged();
      if (live) setStatus('ready');
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
  }, []);

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
