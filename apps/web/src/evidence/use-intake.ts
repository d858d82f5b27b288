import type { EvidenceItem } from '@casebook/core';
import { createContext, useCallback, useContext, useMemo, useRef, useState } from 'react';
import type { RecordView } from '../data/record-types';
import { vault } from '../data/vault';
import type { DiaryData } from '../diary/use-diary-data';
import type { IntakeRequest } from '../worker/protocol';
import { sameFileAs } from './describe-evidence';
import { IntakeProgress } from './intake-progress';
import { attachTo } from './links';

export interface IntakeJob {
  readonly key: number;
  /** Which file input started it, so each shows its own progress. */
  readonly origin: string;
  readonly name: string;
  readonly size: number;
  /** Bytes gone in when the job last changed state; while it runs, `progress` has the latest. */
  readonly done: number;
  readonly status: 'waiting' | 'running' | 'done' | 'failed' | 'cancelled';
  readonly message?: string;
  readonly ref?: string;
}

export interface IntakeOptions {
  readonly origin: string;
  readonly source: IntakeRequest['source'];
  /** Initials for this batch's exhibit references. */
  readonly initials: string;
  readonly incidents?: readonly string[];
  readonly items?: readonly string[];
  readonly onAdded?: (evidenceId: string) => void;
}

export interface Intake {
  readonly jobs: readonly IntakeJob[];
  /** Each running job's bytes gone in (`useBytesIn`): reports that re-render only the bars. */
  readonly progress: IntakeProgress;
  /** Initials for new exhibit references: chosen here, else those of the newest exhibit. */
  readonly initials: string | undefined;
  setInitials(initials: string): void;
  add(files: readonly File[], options: IntakeOptions): void;
  cancel(key: number): void;
  dismiss(origin: string): void;
}

interface Queued {
  readonly key: number;
  readonly file: File;
  readonly options: IntakeOptions;
}

function newestInitials(evidence: DiaryData['lists']['evidence']): string | undefined {
  let newest: EvidenceItem | undefined;
  for (const r of evidence) {
    if (r.state !== 'live' || !r.body.exhibitRef) continue;
    if (!newest || r.body.intakeAt > newest.intakeAt) newest = r.body;
  }
  return newest?.exhibitRef?.split('/')[0];
}

/**
 * Files go in one at a time, in the vault worker, whatever screen is showing; the queue lives
 * with the unlocked diary and ends with it (lock terminates the worker, which drops the file).
 */
export function useIntakeSource(diary: DiaryData): Intake {
  const [jobs, setJobs] = useState<IntakeJob[]>([]);
  const [chosen, setChosen] = useState<string | undefined>();
  const [progress] = useState(() => new IntakeProgress());
  const diaryRef = useRef(diary);
  diaryRef.current = diary;
  const queue = useRef<Queued[]>([]);
  const busy = useRef(false);
  const running = useRef<{ key: number; requestId: number } | undefined>(undefined);
  const cancelled = useRef(new Set<number>());
  const initials = chosen ?? newestInitials(diary.lists.evidence);

  const update = useCallback((key: number, change: Partial<IntakeJob>) => {
    setJobs((all) => all.map((j) => (j.key === key ? { ...j, ...change } : j)));
  }, []);

  const pump = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      for (let next = queue.current.shift(); next; next = queue.current.shift()) {
        const { key, file, options } = next;
        if (cancelled.current.has(key)) continue;
        update(key, { status: 'running' });
        const call = vault.start(
          'intakeFile',
          (p) => progress.set(key, p.done),
          file,
          file.name,
          file.lastModified,
          {
            source: options.source,
            initials: options.initials,
            incidents: [...(options.incidents ?? [])],
          },
        );
        running.current = { key, requestId: call.id };
        try {
          const outcome = await call.result;
          if (!outcome.ok) {
            update(key, {
              status: outcome.reason === 'cancelled' ? 'cancelled' : 'failed',
              message: outcome.message,
            });
            continue;
          }
          const record = outcome.record as RecordView<EvidenceItem>;
          const d = diaryRef.current;
          const same =
            record.state === 'live'
              ? sameFileAs(
                  record.body,
                  d.lists.evidence.flatMap((r) => (r.state === 'live' ? [r.body] : [])),
                )
              : undefined;
          d.receive('evidence', record);
          const ref = record.state === 'live' ? record.body.exhibitRef : undefined;
          for (const id of options.incidents ?? []) await attachTo(d, 'incident', id, record.id);
          for (const id of options.items ?? []) await attachTo(d, 'item', id, record.id);
          options.onAdded?.(record.id);
          update(key, {
            status: 'done',
            done: file.size,
            ...(ref !== undefined && { ref }),
            message: [...outcome.notes, ...(same ? [`Same file as ${same}`] : [])].join(' '),
          });
        } catch (error) {
          update(key, {
            status: 'failed',
            message: `"${file.name}" was not added. ${error instanceof Error ? error.message : ''}`,
          });
        } finally {
          running.current = undefined;
          progress.forget(key);
        }
      }
    } finally {
      busy.current = false;
    }
  }, [update, progress]);

  const add = useCallback(
    (files: readonly File[], options: IntakeOptions) => {
      const added: IntakeJob[] = [];
      for (const file of files) {
        const key = nextKey++;
        queue.current.push({ key, file, options });
        added.push({
          key,
          origin: options.origin,
          name: file.name,
          size: file.size,
          done: 0,
          status: 'waiting',
        });
      }
      setJobs((all) => [...all, ...added]);
      void pump();
    },
    [pump],
  );

  const cancel = useCallback(
    (key: number) => {
      cancelled.current.add(key);
      if (running.current?.key === key) {
        void vault.cancel(running.current.requestId).catch(() => undefined);
      } else {
        update(key, { status: 'cancelled', message: 'Cancelled before it started.' });
      }
    },
    [update],
  );

  const dismiss = useCallback((origin: string) => {
    setJobs((all) =>
      all.filter((j) => j.origin !== origin || j.status === 'running' || j.status === 'waiting'),
    );
  }, []);

  return useMemo(
    () => ({ jobs, progress, initials, setInitials: setChosen, add, cancel, dismiss }),
    [jobs, progress, initials, add, cancel, dismiss],
  );
}

let nextKey = 1;

export const IntakeContext = createContext<Intake | undefined>(undefined);

export function useIntake(): Intake {
  const intake = useContext(IntakeContext);
  if (!intake) throw new Error('useIntake outside the unlocked diary');
  return intake;
}
