/** The Report screen's calls to the vault worker: plain data across the boundary. */

/** The person's choices on the Report screen (plain data across the worker boundary). */
export interface ReportChoices {
  readonly title: string;
  readonly from?: string;
  readonly to?: string;
  readonly profile: 'police' | 'disclosure';
  /** Field paths to redact as well (as the preview lists them). */
  readonly redact: readonly string[];
  /** Field paths the disclosure profile would redact that the person chose to show. */
  readonly show: readonly string[];
  /** Words blacked out wherever they appear (children's names, a new street or school). */
  readonly words: readonly string[];
  readonly timeZone: string;
}

export interface ReportPreview {
  readonly title: string;
  readonly range: string;
  readonly counts: {
    readonly incidents: number;
    readonly exhibits: number;
    readonly people: number;
    readonly calls: number;
  };
  /** The first incidents of the chronology, as the report words them. */
  readonly first: readonly { number: string; when: string; what: string }[];
  readonly redactions: readonly { path: string; reason: string }[];
  readonly leftOut: number;
  readonly fingerprint: string;
  /** Exhibits whose original is left out of a disclosure bundle (their metadata holds a place). */
  readonly withheldFiles: number;
}

export type MadeFile = 'pdf' | 'csv-chronology' | 'csv-exhibits' | 'json';

export type BundleResult =
  | { ok: true; files: number; bytes: number; keyFingerprint: string; blob?: Blob }
  | { ok: false; message: string };
