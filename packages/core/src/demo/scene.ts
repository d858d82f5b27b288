import type { BehaviourId } from '../taxonomy/behaviours';
import type { ChannelId } from '../taxonomy/channels';
import type { PlaceTypeId } from '../taxonomy/place-types';

/** What a narrative can mention. */
export interface SceneContext {
  /** First name of the person responsible. */
  readonly o: string;
  /** The time, as people say it: "7.40pm". */
  readonly time: string;
  /** A small count for "called 4 times". */
  readonly n: number;
}

export type EvidenceKind = 'screenshot' | 'photo' | 'video' | 'audio' | 'document';

/** A kind of incident the demo can tell, unlocked at a stage of the escalation. */
export interface Scene {
  readonly key: string;
  /** 1 early contact, 2 presence and third parties, 3 threats and damage, 4 the most serious. */
  readonly stage: 1 | 2 | 3 | 4;
  readonly weight: number;
  readonly behaviours: readonly BehaviourId[];
  readonly channel?: ChannelId;
  readonly placeType: PlaceTypeId;
  readonly places: readonly string[];
  /** Local hours in which it tends to happen, [from, to). */
  readonly hours: readonly [number, number];
  readonly actor: 'offender' | 'unknown';
  readonly narratives: readonly ((c: SceneContext) => string)[];
  readonly inPerson?: boolean;
  readonly vehicle?: boolean;
  readonly calls?: boolean;
  readonly item?: string;
  readonly evidence?: EvidenceKind;
  readonly police?: '999' | '101';
}
