/**
 * What crosses between the Import screen and the vault worker's import ops (`import-ops.ts`).
 * Messages stay in the worker while the person decides; the screen sees counts, names and
 * the proposed incidents' summaries, and refers to files by the id `readImportFile` gave.
 */
import type { BehaviourId, ChannelId } from '@casebook/core';
import type { RecordView } from '../data/record-types';

export type DateOrderChoice = 'day-first' | 'month-first';

export interface ImportReadOptions {
  /** The zone the phone was set to, for exports that write only clock times. */
  readonly zone: string;
  readonly dateOrder?: DateOrderChoice;
}

export type ImportFound =
  | {
      readonly ok: true;
      readonly fileId: string;
      readonly name: string;
      /** "WhatsApp chat with 2 people, 3,214 messages, 4 Jan – 30 Mar 2026, 41 photos". */
      readonly summary: string;
      /** Everyone named as a sender or caller, most messages first. */
      readonly people: readonly { readonly name: string; readonly messages: number }[];
      /** Messages and calls not yet in the casebook, and those already there. */
      readonly fresh: number;
      readonly alreadyThere: number;
    }
  | {
      readonly ok: false;
      readonly reason: 'problem' | 'no-space' | 'cancelled';
      readonly message: string;
    }
  | {
      readonly ok: false;
      readonly reason: 'date-order';
      readonly message: string;
      /** A few dates with both readings, so the person can pick the one they remember. */
      readonly samples: readonly {
        readonly raw: string;
        readonly dayFirst: string;
        readonly monthFirst: string;
      }[];
    };

/** One suggested incident: a burst of contact from the person responsible. */
export interface ProposedIncidentView {
  /** The keys of its messages and calls, oldest first: the group, as merge and split see it. */
  readonly keys: readonly string[];
  /** "14 messages between 23:10 and 01:40 (12–13 March 2024)". */
  readonly summary: string;
  readonly channel: ChannelId;
  readonly behaviours: readonly BehaviourId[];
  /** The words that suggested a behaviour beyond the channel's. */
  readonly reasons: readonly { readonly behaviour: BehaviourId; readonly words: string }[];
  /** Where a split cuts it in two (at its longest pause); absent for a single message. */
  readonly splitAt?: number;
}

export interface ImportProposal {
  readonly incidents: readonly ProposedIncidentView[];
  /** Their messages and calls with no readable time: kept, in no incident. */
  readonly undated: number;
}

export interface ImportChoices {
  readonly zone: string;
  /** The person responsible as the export writes them; empty: only keep the messages. */
  readonly from: readonly string[];
  /** The person record to link the person responsible to, when chosen. */
  readonly personId?: string;
  /** Initials for the exhibit numbers (`AB` → `AB/4`). */
  readonly initials: string;
  /** The incidents the person confirmed, each as its group of keys. */
  readonly incidents: readonly (readonly string[])[];
}

export type ImportOutcome =
  | {
      readonly ok: true;
      readonly messages: number;
      readonly calls: number;
      readonly alreadyThere: number;
      /** The export files' evidence records (new ones) and the incidents made. */
      readonly evidence: readonly RecordView[];
      readonly incidents: readonly RecordView[];
      /** Each file's exhibit reference, as "AB/4 WhatsApp Chat with Sam.zip". */
      readonly exhibits: readonly string[];
    }
  | {
      readonly ok: false;
      readonly reason: 'cancelled' | 'no-space' | 'initials' | 'gone' | 'busy' | 'failed';
      readonly message: string;
    };

/** One imported message as the windowed list shows it. */
export interface ImportedMessageView {
  readonly id: string;
  /** A UTC instant, or absent when the export's time could not be read. */
  readonly instant?: string;
  /** The time as the export wrote it, for an unreadable one. */
  readonly raw?: string;
  readonly sender: string;
  readonly from: 'responsible' | 'self' | 'other';
  readonly text: string;
  /** The text was longer than the list shows (an email); the exhibit keeps it whole. */
  readonly shortened?: true;
  readonly attachments: readonly string[];
  readonly notes: readonly string[];
}

/** One imported call for the Calls list. */
export interface ImportedCallView {
  readonly id: string;
  readonly instant?: string;
  readonly raw?: string;
  readonly outcome: string;
  readonly who: string;
  readonly from: 'responsible' | 'self' | 'other';
  readonly durationSeconds?: number;
  readonly exhibitRef?: string;
}

/** Imported messages and calls per export exhibit (evidence id). */
export type ImportedCounts = Readonly<
  Record<string, { readonly messages: number; readonly calls: number }>
>;

/** Which imported messages to list: one export's, or the ones an incident came from. */
export type ImportedQuery = { readonly evidenceId: string } | { readonly incidentId: string };
