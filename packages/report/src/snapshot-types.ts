import type { SnapshotMessage } from './snapshot-messages';
import type { Redacted, TextValue } from './text-value';
import type { ShownTime } from './time-text';

/** A taxonomy value: its stable id and its label in words. */
export interface Labelled<Id extends string = string> {
  readonly id: Id;
  readonly label: string;
}

/** When a record was first saved and how often it was changed since (from the vault). */
export interface RecordedInfo {
  readonly at: ShownTime;
  readonly edits: number;
  readonly lastEditedAt?: ShownTime;
  /** "Recorded Mon 3 Mar 2025, 14:20 GMT (UTC+0), the same day. Not edited since." */
  readonly text: string;
}

export interface SnapshotIncident {
  /** Stable number in order of recording, `INC-0001`. */
  readonly number: string;
  readonly id: string;
  readonly when: ShownTime;
  readonly end?: ShownTime;
  readonly approximate: boolean;
  readonly recorded: RecordedInfo;
  readonly location?: {
    readonly text?: TextValue;
    readonly placeType?: Labelled;
    /** "53.00000, -1.50000". */
    readonly coords?: TextValue;
  };
  readonly whatHappened: TextValue;
  readonly behaviours: readonly Labelled[];
  readonly channel?: Labelled;
  /** People linked to it, by the name they are known by here. */
  readonly people: readonly { readonly id: string; readonly name: TextValue }[];
  readonly offenderDescription?: {
    readonly looked?: TextValue;
    readonly sounded?: TextValue;
    readonly wore?: TextValue;
  };
  readonly vehicle?: TextValue;
  /** Exhibit references of the linked evidence in this report. */
  readonly exhibits: readonly string[];
  readonly witnesses: readonly { readonly name: TextValue; readonly contact?: TextValue }[];
  readonly police?: {
    readonly contacted: Labelled;
    readonly method?: Labelled;
    readonly whatTheyDid?: TextValue;
    readonly reference?: TextValue;
    readonly officer?: TextValue;
  };
  readonly impact?: TextValue;
  readonly changesMade?: TextValue;
  readonly impactOnOthers?: TextValue;
}

export interface SnapshotPerson {
  readonly id: string;
  readonly role: Labelled;
  readonly relationship: Labelled;
  readonly names: readonly TextValue[];
  readonly phones: readonly TextValue[];
  readonly emails: readonly TextValue[];
  /** "Instagram: @name". */
  readonly handles: readonly TextValue[];
  readonly vehicles: readonly TextValue[];
  readonly description?: TextValue;
  readonly notes?: TextValue;
  readonly photo?: string;
  /** Numbers of the incidents in this report that name them. */
  readonly incidents: readonly string[];
  readonly recorded: RecordedInfo;
}

export interface SnapshotCall {
  readonly id: string;
  readonly time: ShownTime;
  /** Absent when withheld. */
  readonly number?: TextValue;
  readonly withheld: boolean;
  readonly answered: boolean;
  /** "2 min 5 s". */
  readonly duration?: string;
  readonly whatWasSaid?: TextValue;
  readonly person?: TextValue;
  /** Imported calls: the outcome in words ("Missed") and the exhibit of the export they came from. */
  readonly outcome?: string;
  readonly exhibit?: string;
  readonly recorded: RecordedInfo;
}

export interface SnapshotItem {
  readonly id: string;
  readonly what: TextValue;
  readonly receivedAt: ShownTime;
  readonly whereKeptNow?: TextValue;
  readonly handedToPolice: {
    readonly handed: boolean;
    readonly when?: ShownTime;
    readonly reference?: TextValue;
  };
  readonly exhibits: readonly string[];
  readonly incidents: readonly string[];
  readonly recorded: RecordedInfo;
}

export interface SnapshotExhibit {
  readonly id: string;
  /** The exhibit reference (`AB/3`), or a provisional `EV-0003` when none is set yet. */
  readonly ref: string;
  readonly refAssigned: boolean;
  readonly description?: TextValue;
  readonly mediaType: string;
  /** "Photo", "Video", "Audio recording", "PDF document", … */
  readonly kind: string;
  readonly originalName: TextValue;
  readonly size: number;
  /** SHA-256 of the stored bytes (what goes out in the bundle). */
  readonly sha256: string;
  /** False when the stored bytes' hash differs from the one taken at intake: say so loudly. */
  readonly hashMatchesIntake: boolean;
  readonly receivedAt: ShownTime;
  /** The time found in the file, exactly as found, and where. */
  readonly takenAt?: { readonly raw: string; readonly offset?: string; readonly source: string };
  readonly source: Labelled;
  readonly device?: TextValue;
  /** Location found in the file's metadata, "50.29960, 14.82029". */
  readonly gps?: TextValue;
  readonly incidents: readonly string[];
  readonly recorded: RecordedInfo;
}

export interface SnapshotRiskAnswer {
  readonly questionId: string;
  readonly question: string;
  readonly answer: Labelled<'yes' | 'no' | 'dont-know' | 'not-answered'>;
  readonly note?: TextValue;
}

export interface SnapshotRiskAssessment {
  readonly id: string;
  readonly assessedAt: ShownTime;
  readonly answers: readonly SnapshotRiskAnswer[];
  readonly yesCount: number;
}

export interface SnapshotSafety {
  readonly updatedAt: ShownTime;
  /** Items marked done, in the plan's order. */
  readonly actionsTaken: readonly {
    readonly id: string;
    readonly group: string;
    readonly text: string;
    readonly note?: TextValue;
  }[];
  readonly trustedPeople: readonly {
    readonly name: TextValue;
    readonly contact?: TextValue;
    readonly note?: TextValue;
  }[];
  readonly safePlaces: readonly {
    readonly name: TextValue;
    readonly address?: TextValue;
    readonly note?: TextValue;
  }[];
  readonly routineChanges: readonly { readonly change: TextValue; readonly note?: TextValue }[];
}

/** One limb of s.2A(3) Protection from Harassment Act 1997 and the incidents recorded under it. */
export interface HarassmentActLimb {
  readonly limb: 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g';
  /** The Act's words. */
  readonly words: string;
  /** Casebook behaviours counted under it. */
  readonly behaviours: readonly Labelled[];
  readonly count: number;
  readonly incidents: readonly string[];
  readonly first?: string;
  readonly last?: string;
}

export interface SnapshotPattern {
  /** Plain sentences for the reader. */
  readonly summary: readonly string[];
  readonly span?: {
    readonly first: string;
    readonly last: string;
    readonly days: number;
    readonly weeks: number;
  };
  readonly months: readonly {
    readonly month: string;
    readonly label: string;
    readonly count: number;
  }[];
  /** Behaviours by how many incidents show them, most first. */
  readonly behaviours: readonly (Labelled & { readonly count: number })[];
  readonly places: readonly (Labelled & { readonly count: number })[];
  readonly harassmentAct: readonly HarassmentActLimb[];
  /** Behaviours recorded that no limb names (the Act's list is not exhaustive). */
  readonly otherBehaviours: readonly (Labelled & { readonly count: number })[];
  readonly courseOfConduct: boolean;
}

export type RedactionProfile = 'police' | 'disclosure';

export interface RedactionLogEntry {
  /** e.g. `incidents.INC-0003.location.text`. */
  readonly path: string;
  readonly reason: string;
}

/**
 * Imported messages and calls kept in the casebook but not in this account, counted and never
 * named: conversations without the person responsible (in the report's dates), and those of
 * the person responsible whose time could not be read (see packages/report/CONTEXT.md).
 */
export interface NotListed {
  /** Conversations the person responsible is not in, with messages in the report's dates. */
  readonly conversations: number;
  /** Their messages in the report's dates. */
  readonly messages: number;
  /** Imported calls not with the person responsible, in the report's dates. */
  readonly calls: number;
  /** Export files holding only those, left out of the exhibit schedule. */
  readonly exportFiles: number;
  /** Messages with the person responsible left out of a date-ranged account: no readable time. */
  readonly undatedMessages: number;
  /** Imported calls with the person responsible and no readable time: not in the call log. */
  readonly undatedCalls: number;
  /** The same in sentences, as every renderer prints them. */
  readonly text: readonly string[];
}

/** A frozen, plain-data picture of the case for one report. Renderers read only this. */
export interface CaseSnapshot {
  readonly title: string;
  readonly generatedAt: ShownTime;
  readonly timeZone: string;
  readonly casebookVersion: string;
  readonly fingerprint: string;
  readonly range: { readonly from?: string; readonly to?: string; readonly text: string };
  readonly counts: {
    readonly incidents: number;
    readonly exhibits: number;
    readonly people: number;
    readonly calls: number;
    readonly items: number;
    readonly riskAssessments: number;
  };
  /** Oldest first by when they happened; ties by number. */
  readonly incidents: readonly SnapshotIncident[];
  /** Imported messages in range, oldest first; absent when the casebook was read without them. */
  readonly messages?: readonly SnapshotMessage[];
  /** What the account leaves out of the imports; absent when the case was read without them. */
  readonly notListed?: NotListed;
  readonly people: readonly SnapshotPerson[];
  readonly calls: readonly SnapshotCall[];
  readonly items: readonly SnapshotItem[];
  readonly exhibits: readonly SnapshotExhibit[];
  readonly riskAssessments: readonly SnapshotRiskAssessment[];
  readonly safety?: SnapshotSafety | Redacted;
  readonly pattern: SnapshotPattern;
  readonly numbering: {
    /** Numbers of deleted incidents (kept unused so numbers never change). */
    readonly deleted: readonly string[];
    /** Live incidents left out of this report by the range or the choice. */
    readonly leftOut: number;
  };
  /** Records the vault could not read, so not in this report. */
  readonly unreadable: readonly {
    readonly kind: string;
    readonly id: string;
    readonly problem: string;
  }[];
  readonly redaction: {
    readonly profile: RedactionProfile;
    readonly log: readonly RedactionLogEntry[];
  };
}
