/** The kinds of record the diary keeps (stable: they are stored in every envelope). */
export type RecordKind =
  | 'incident'
  | 'person'
  | 'call'
  | 'item'
  | 'evidence'
  | 'risk'
  | 'safety-plan';

interface Common {
  readonly kind: RecordKind;
  readonly id: string;
  readonly rev: number;
  /** When this revision was saved (ISO 8601). */
  readonly at: string;
}

/**
 * One record as the UI sees it: its latest (or a past) revision, checked against the
 * core schema in the worker. A body that fails the check is shown as unreadable, never
 * passed on as if it were valid.
 */
export type RecordView<T = unknown> =
  | (Common & { readonly state: 'live'; readonly body: T })
  | (Common & { readonly state: 'deleted'; readonly reason: string })
  | (Common & { readonly state: 'unreadable'; readonly problem: string });
