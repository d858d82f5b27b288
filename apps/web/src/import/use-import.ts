import { useCallback, useEffect, useRef, useState } from 'react';
import { vault } from '../data/vault';
import type {
  DateOrderChoice,
  ImportFound,
  ImportOutcome,
  ProposedIncidentView,
} from '../worker/import-types';

/** One file the person chose, as the worker read it (or could not). */
export type ChosenFile = {
  readonly key: number;
  readonly file: File;
} & (
  | { readonly status: 'reading'; readonly dateOrder?: DateOrderChoice }
  | {
      readonly status: 'read';
      readonly found: Extract<ImportFound, { ok: true }>;
      /** The person's answer to the date-order question, kept for a read in another zone. */
      readonly dateOrder?: DateOrderChoice;
    }
  | { readonly status: 'problem'; readonly message: string }
  | {
      readonly status: 'date-order';
      readonly message: string;
      readonly samples: Extract<ImportFound, { reason: 'date-order' }>['samples'];
    }
);

/** A proposed incident and whether the person ticked it: nothing becomes an incident unasked. */
export interface Proposal {
  readonly view: ProposedIncidentView;
  readonly confirmed: boolean;
}

export type Running = { readonly done: number; readonly total: number; readonly id: number };

export const DEFAULT_ZONE = 'Europe/London';

/**
 * The Import screen's state: the files chosen and what the vault worker found in them, the
 * person's choices, the proposed incidents, and the import itself. Every step that reads or
 * works something out is a worker call; this only keeps track of the answers.
 */
export function useImport() {
  const [zone, setZone] = useState(DEFAULT_ZONE);
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const [from, setFrom] = useState<string[]>([]);
  const [proposals, setProposals] = useState<Proposal[]>([]);
  const [undated, setUndated] = useState(0);
  const [running, setRunning] = useState<Running | undefined>();
  const [outcome, setOutcome] = useState<ImportOutcome | undefined>();
  const nextKey = useRef(1);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const fileIds = files.flatMap((f) => (f.status === 'read' ? [f.found.fileId] : []));
  const idsKey = fileIds.join(' ');

  // A file can be read more than once (a new zone, a date-order answer): each read of a key
  // is numbered, and only the latest one, still chosen, in the zone now chosen, is shown. Any
  // other result is dropped and its copy in the worker forgotten.
  const zoneNow = useRef(zone);
  zoneNow.current = zone;
  const filesNow = useRef(files);
  filesNow.current = files;
  const reads = useRef(new Map<number, number>());
  /** Keys removed by the person (a read may still be on its way back). */
  const removed = useRef(new Set<number>());

  const readOne = useCallback(async (key: number, file: File, dateOrder?: DateOrderChoice) => {
    const readZone = zoneNow.current;
    const options = { zone: readZone, ...(dateOrder && { dateOrder }) };
    const nth = (reads.current.get(key) ?? 0) + 1;
    reads.current.set(key, nth);
    let found: ImportFound;
    try {
      found = await vault.start(
        'readImportFile',
        () => undefined,
        file,
        file.name,
        file.lastModified,
        options,
      ).result;
    } catch {
      found = {
        ok: false,
        reason: 'problem',
        message: `"${file.name}" could not be read here. Nothing was imported. Try choosing it again.`,
      };
    }
    if (!live.current) return;
    const current =
      reads.current.get(key) === nth && zoneNow.current === readZone && !removed.current.has(key);
    if (!current) {
      if (found.ok) void vault.call('forgetImportFiles', [found.fileId]).catch(() => undefined);
      return;
    }
    const next: ChosenFile = found.ok
      ? { key, file, status: 'read', found, ...(dateOrder && { dateOrder }) }
      : found.reason === 'date-order'
        ? { key, file, status: 'date-order', message: found.message, samples: found.samples }
        : { key, file, status: 'problem', message: found.message };
    setFiles((all) => all.map((f) => (f.key === key ? next : f)));
  }, []);

  // The summaries show dates in the chosen zone, and clock-only exports are read in it: a new
  // zone reads the files again (keeping any date-order answer), so what is shown is what imports.
  // Files still being read are read again too: their read began in the old zone.
  const shownZone = useRef(zone);
  useEffect(() => {
    if (shownZone.current === zone) return;
    shownZone.current = zone;
    type Again = Extract<ChosenFile, { status: 'read' | 'reading' }>;
    const again = filesNow.current.filter(
      (f): f is Again => f.status === 'read' || f.status === 'reading',
    );
    if (again.length === 0) return;
    const stored = again.flatMap((f) => (f.status === 'read' ? [f.found.fileId] : []));
    if (stored.length > 0) void vault.call('forgetImportFiles', stored).catch(() => undefined);
    const byKey = new Map(again.map((f) => [f.key, f]));
    setFiles((all) =>
      all.map((f) => {
        const was = byKey.get(f.key);
        if (was === undefined) return f;
        const reading: ChosenFile = {
          key: f.key,
          file: f.file,
          status: 'reading',
          ...(was.dateOrder && { dateOrder: was.dateOrder }),
        };
        return reading;
      }),
    );
    void (async () => {
      for (const f of again) {
        // Stop when another zone was chosen meanwhile: its own pass reads them.
        if (zoneNow.current !== zone) return;
        if (!removed.current.has(f.key)) await readOne(f.key, f.file, f.dateOrder);
      }
    })();
  }, [zone, readOne]);

  const add = useCallback(
    async (chosen: readonly File[]) => {
      setOutcome(undefined);
      const added = chosen.map((file) => ({
        key: nextKey.current++,
        file,
        status: 'reading' as const,
      }));
      setFiles((all) => [...all, ...added]);
      // One at a time: each is read whole in the worker, and a phone has little memory.
      for (const f of added) await readOne(f.key, f.file);
    },
    [readOne],
  );

  const chooseDateOrder = useCallback(
    (key: number, order: DateOrderChoice) => {
      const file = files.find((f) => f.key === key)?.file;
      if (!file) return;
      setFiles((all) =>
        all.map((f) => (f.key === key ? { key, file, status: 'reading', dateOrder: order } : f)),
      );
      void readOne(key, file, order);
    },
    [files, readOne],
  );

  const remove = useCallback((key: number) => {
    removed.current.add(key);
    setFiles((all) => {
      const gone = all.find((f) => f.key === key);
      if (gone?.status === 'read') void vault.call('forgetImportFiles', [gone.found.fileId]);
      return all.filter((f) => f.key !== key);
    });
  }, []);

  const forgetAll = useCallback(() => {
    void vault.call('forgetImportFiles').catch(() => undefined);
  }, []);

  // Who is the person responsible, or which files: propose again (bursts of contact).
  const fromKey = from.join('\u0000');
  // biome-ignore lint/correctness/useExhaustiveDependencies: idsKey and fromKey stand for fileIds and from
  useEffect(() => {
    let current = true;
    if (fileIds.length === 0 || from.length === 0) {
      setProposals([]);
      setUndated(0);
      return;
    }
    void vault
      .call('proposeImport', fileIds, { from, zone })
      .then((p) => {
        if (!current) return;
        setProposals(p.incidents.map((view) => ({ view, confirmed: false })));
        setUndated(p.undated);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [idsKey, fromKey, zone]);

  /** Works out replacement proposals for some groups of keys (a merge or a split). */
  const regroup = useCallback(
    async (at: number, count: number, groups: string[][], confirmed: boolean) => {
      const p = await vault.call('proposeImport', fileIds, { from, zone, groups });
      if (!live.current) return;
      setProposals((all) => [
        ...all.slice(0, at),
        ...p.incidents.map((view) => ({ view, confirmed })),
        ...all.slice(at + count),
      ]);
    },
    [fileIds, from, zone],
  );

  const merge = (i: number) => {
    const a = proposals[i];
    const b = proposals[i + 1];
    if (!a || !b) return;
    void regroup(i, 2, [[...a.view.keys, ...b.view.keys]], a.confirmed || b.confirmed);
  };
  const split = (i: number) => {
    const p = proposals[i];
    if (!p || p.view.splitAt === undefined) return;
    const keys = [...p.view.keys];
    const at = p.view.splitAt;
    void regroup(i, 1, [keys.slice(0, at), keys.slice(at)], p.confirmed);
  };
  const drop = (i: number) => setProposals((all) => all.filter((_, n) => n !== i));
  const confirm = (i: number, on: boolean) =>
    setProposals((all) => all.map((p, n) => (n === i ? { ...p, confirmed: on } : p)));
  const confirmAll = (on: boolean) =>
    setProposals((all) => all.map((p) => ({ ...p, confirmed: on })));

  const run = useCallback(
    async (choices: { personId?: string; initials: string }) => {
      if (running || fileIds.length === 0) return;
      const job = vault.start(
        'importMessages',
        (progress) => setRunning({ ...progress, id: job.id }),
        fileIds,
        {
          zone,
          from,
          initials: choices.initials,
          ...(choices.personId && { personId: choices.personId }),
          incidents: proposals.filter((p) => p.confirmed).map((p) => [...p.view.keys]),
        },
      );
      setRunning({ done: 0, total: 0, id: job.id });
      let result: ImportOutcome;
      try {
        result = await job.result;
      } catch {
        result = {
          ok: false,
          reason: 'failed',
          message: 'The import could not be finished. Nothing was imported. Try again.',
        };
      }
      if (!live.current) return;
      setRunning(undefined);
      setOutcome(result);
      if (result.ok) {
        setFiles([]);
        setFrom([]);
      }
    },
    [running, fileIds, zone, from, proposals],
  );

  const cancel = useCallback(() => {
    if (running) void vault.cancel(running.id).catch(() => undefined);
  }, [running]);

  return {
    zone,
    setZone,
    files,
    add,
    chooseDateOrder,
    remove,
    forgetAll,
    from,
    setFrom,
    proposals,
    undated,
    merge,
    split,
    drop,
    confirm,
    confirmAll,
    running,
    run,
    cancel,
    outcome,
    dismissOutcome: () => setOutcome(undefined),
  };
}

export type ImportState = ReturnType<typeof useImport>;
