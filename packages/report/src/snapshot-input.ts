import type {
  CallRecord,
  EvidenceItem,
  ImportedCallRecord,
  ImportedMessageRecord,
  Incident,
  Person,
  PhysicalItem,
  RiskAssessment,
  SafetyPlan,
} from '@casebook/core';

/** What only the vault knows about a record: its revisions. */
export interface RecordHistory {
  /** When the first revision was saved (ISO 8601 instant). */
  readonly recordedAt: string;
  /** Revisions after the first (0 when never edited). */
  readonly edits: number;
  /** When the latest revision was saved; expected when `edits > 0`. */
  readonly lastEditedAt?: string;
}

/** One live record: its latest body and its history. */
export interface Recorded<T> {
  readonly body: T;
  readonly history: RecordHistory;
}

/** An evidence item, with the file as the vault holds it now. */
export interface RecordedEvidence extends Recorded<EvidenceItem> {
  /** SHA-256 (lower-case hex) and size of the stored bytes, which go out in the bundle. */
  readonly file: { readonly sha256: string; readonly size: number };
}

/**
 * Everything `buildSnapshot` needs: the case's live records as the vault decrypted them, what the
 * vault knows of their history, and the person's choices for this report. Plain data; the
 * integrator has already checked records against the core schemas.
 */
export interface SnapshotInput {
  /** Chosen by the person, e.g. "Account of incidents, March to May 2025". */
  readonly title: string;
  /** When the report is made (ISO 8601 instant). */
  readonly generatedAt: string;
  /** IANA zone for times that have none of their own (recorded at, generated on). */
  readonly timeZone: string;
  /** e.g. "0.1.0". */
  readonly casebookVersion: string;
  /** The signed head's fingerprint, as the Audit log screen shows it. */
  readonly fingerprint: string;
  /** Local dates `YYYY-MM-DD`, both included; either end may be open. */
  readonly range?: { readonly from?: string; readonly to?: string };
  /** Only these incidents (still within `range`). Absent: every incident in range. */
  readonly incidentIds?: readonly string[];
  /**
   * Only these exhibits. Absent: those linked to the chosen incidents and items, plus photos of
   * people; with no range and no incident choice, every exhibit.
   */
  readonly exhibitIds?: readonly string[];
  readonly incidents: readonly Recorded<Incident>[];
  /** Deleted incidents, so numbers stay the same for good: they keep theirs, unused. */
  readonly deletedIncidents?: readonly { readonly id: string; readonly recordedAt: string }[];
  readonly people: readonly Recorded<Person>[];
  readonly calls: readonly Recorded<CallRecord>[];
  readonly items: readonly Recorded<PhysicalItem>[];
  readonly evidence: readonly RecordedEvidence[];
  readonly riskAssessments: readonly Recorded<RiskAssessment>[];
  readonly safetyPlan?: Recorded<SafetyPlan>;
  /** Imported messages (chats, texts, email), each pointing at its export file's exhibit. */
  readonly messages?: readonly ImportedMessageRecord[];
  /** Imported calls: they join the call log, each pointing at its export file's exhibit. */
  readonly importedCalls?: readonly Recorded<ImportedCallRecord>[];
  /** Records the vault could not read or check: left out, and named in the report. */
  readonly unreadable?: readonly {
    readonly kind: string;
    readonly id: string;
    readonly problem: string;
  }[];
}
