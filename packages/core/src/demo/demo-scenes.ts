import type { Scene } from './scene';
import { EARLY_SCENES } from './scenes-early';
import { LATE_SCENES } from './scenes-late';
import { MIDDLE_SCENES } from './scenes-middle';

export type { EvidenceKind, Scene, SceneContext } from './scene';

/** Every scene, in escalation order. */
export const SCENES: readonly Scene[] = [...EARLY_SCENES, ...MIDDLE_SCENES, ...LATE_SCENES];
