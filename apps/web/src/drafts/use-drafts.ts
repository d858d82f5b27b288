import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { vault } from '../data/vault';
import type { DraftBody, DraftView } from './draft-body';

/** The kept drafts of this unlocked session, and the way forms keep and drop theirs. */
export interface Drafts {
  /** False until the kept drafts have been read after unlock. */
  readonly ready: boolean;
  readonly kept: readonly DraftView[];
  keep(slot: string, body: DraftBody): Promise<void>;
  discard(slot: string): Promise<void>;
  /** A form registers how to write its pending draft at once (before a lock); returns undo. */
  onFlush(write: () => Promise<void>): () => void;
  /** Writes every pending draft now and waits for the writes under way. */
  flush(): Promise<void>;
}

export function useDraftsSource(): Drafts {
  const [ready, setReady] = useState(false);
  const [kept, setKept] = useState<readonly DraftView[]>([]);
  // One queue for every write, so a discard never overtakes the keep before it.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const flushers = useRef(new Set<() => Promise<void>>());

  useEffect(() => {
    let live = true;
    vault
      .call('listDrafts')
      .then((found) => {
        if (live) setKept(found);
      })
      .catch(() => {
        // Drafts are a help, never a gate: without them the diary still opens.
      })
      .finally(() => {
        if (live) setReady(true);
      });
    return () => {
      live = false;
    };
  }, []);

  const enqueue = useCallback((work: () => Promise<void>): Promise<void> => {
    const next = queue.current.then(work).catch(() => {
      // Locked meanwhile, or refused: the form still holds the text on screen.
    });
    queue.current = next;
    return next;
  }, []);

  const keep = useCallback(
    (slot: string, body: DraftBody) =>
      enqueue(async () => {
        const saved = await vault.call('putDraft', slot, body);
        setKept((list) => [...list.filter((d) => d.slot !== slot), saved]);
      }),
    [enqueue],
  );

  const discard = useCallback(
    (slot: string) =>
      enqueue(async () => {
        setKept((list) => list.filter((d) => d.slot !== slot));
        await vault.call('removeDraft', slot);
      }),
    [enqueue],
  );

  const onFlush = useCallback((write: () => Promise<void>) => {
    flushers.current.add(write);
    return () => {
      flushers.current.delete(write);
    };
  }, []);

  const flush = useCallback(async () => {
    await Promise.all([...flushers.current].map((write) => write()));
    await queue.current;
  }, []);

  return useMemo(
    () => ({ ready, kept, keep, discard, onFlush, flush }),
    [ready, kept, keep, discard, onFlush, flush],
  );
}

export const DraftsContext = createContext<Drafts | undefined>(undefined);

export function useDrafts(): Drafts {
  const drafts = useContext(DraftsContext);
  if (!drafts) throw new Error('useDrafts outside the unlocked diary');
  return drafts;
}
