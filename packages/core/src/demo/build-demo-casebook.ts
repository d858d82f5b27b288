import { CallIdSchema, IncidentIdSchema, ItemIdSchema, newId } from '../ids';
import type { Random } from '../ports';
import { CALL_RECORD_SCHEMA_VERSION, type CallRecord } from '../records/call-record';
import type { EvidenceDraft } from '../records/evidence-item';
import { INCIDENT_SCHEMA_VERSION, type Incident } from '../records/incident';
import type { Person } from '../records/person';
import { PHYSICAL_ITEM_SCHEMA_VERSION, type PhysicalItem } from '../records/physical-item';
import { fromLocal, toZonedDateTime } from '../records/to-zoned-date-time';
import type { ZonedDateTime } from '../records/zoned-time';
import { isTimeZone } from '../records/zoned-time';
import { buildDemoCast, type DemoCast } from './demo-cast';
import * as D from './demo-details';
import { describeEvidence } from './demo-evidence';
import { SCENES, type Scene } from './demo-scenes';
import { createPrng, type Prng, prngRandom } from './prng';

export interface DemoOptions {
  /** Any 32-bit integer; the same seed always gives the same casebook. */
  readonly seed: number;
  readonly incidents: number;
  readonly weeks: number;
  /** First day of the case, `YYYY-MM-DD`, local to `zone`. */
  readonly startDate: string;
  readonly zone: string;
  /** Initials for exhibit references; defaults to `CB`. */
  readonly exhibitPrefix?: string;
}

/** A whole synthetic case. Evidence comes as drafts: the vault adds the files. */
export interface DemoCasebook {
  readonly people: Person[];
  readonly incidents: Incident[];
  readonly calls: CallRecord[];
  readonly items: PhysicalItem[];
  readonly evidence: EvidenceDraft[];
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Incidents per week rise as the case goes on, roughly fourfold from first week to last. */
function weeklyCounts(total: number, weeks: number): number[] {
  const weights = Array.from(
    { length: weeks },
    (_, i) => 1 + 3 * (i / Math.max(1, weeks - 1)) ** 1.5,
  );
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  let left = total - counts.reduce((a, b) => a + b, 0);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

function stageOf(week: number, weeks: number): 1 | 2 | 3 | 4 {
  const p = week / weeks;
  return p < 0.3 ? 1 : p < 0.6 ? 2 : p < 0.85 ? 3 : 4;
}

function spokenTime(h: number, m: number): string {
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${h12}.${String(m).padStart(2, '0')}${h < 12 ? 'am' : 'pm'}`;
}

/** Builds a realistic, entirely fictional casebook, deterministically from `seed`. */
export function buildDemoCasebook(options: DemoOptions): DemoCasebook {
  const { seed, incidents: total, weeks, startDate, zone } = options;
  if (!Number.isInteger(total) || total < 0)
    throw new RangeError('incidents must be an integer ≥ 0');
  if (!Number.isInteger(weeks) || weeks < 1) throw new RangeError('weeks must be an integer ≥ 1');
  if (!isTimeZone(zone)) throw new RangeError(`Unknown time zone: ${zone}`);
  const base = Date.parse(`${startDate}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate) || Number.isNaN(base)) {
    throw new RangeError(`startDate must be YYYY-MM-DD, got ${startDate}`);
  }

  const prng = createPrng(seed);
  const random = prngRandom(prng);
  const cast = buildDemoCast(random);
  const out: DemoCasebook = {
    people: [cast.offender, cast.unknown, cast.neighbour, cast.colleague, cast.sister],
    incidents: [],
    calls: [],
    items: [],
    evidence: [],
  };
  const state = { exhibits: 0, firstThreatDone: false, prefix: options.exhibitPrefix ?? 'CB' };
  const zoned = (ms: number) => toZonedDateTime(new Date(ms), zone);

  weeklyCounts(total, weeks).forEach((count, week) => {
    const stage = stageOf(week, weeks);
    const pool = SCENES.filter((s) => s.stage <= stage && s.weight > 0).map(
      (s) => [s, s.weight] as const,
    );
    const slots = Array.from({ length: count }, () => {
      const scene = prng.weighted(pool);
      const hour = prng.int(scene.hours[0], scene.hours[1] - 1);
      return { scene, minuteOfWeek: prng.int(0, 6) * 1440 + hour * 60 + prng.int(0, 59) };
    }).sort((a, b) => a.minuteOfWeek - b.minuteOfWeek);

    for (const slot of slots) {
      let scene = slot.scene;
      if (stage >= 3 && !state.firstThreatDone) {
        scene = SCENES.find((s) => s.key === 'first-threat') ?? scene;
        state.firstThreatDone = true;
      }
      const wallMs = base + week * 7 * DAY + slot.minuteOfWeek * MINUTE;
      const local = new Date(wallMs).toISOString().slice(0, 16);
      const startMs = fromLocal(local, zone).getTime();
      addIncident(out, { prng, random, cast, scene, stage, startMs, zoned, state });
    }
  });
  return out;
}

interface SceneRun {
  readonly prng: Prng;
  readonly random: Random;
  readonly cast: DemoCast;
  readonly scene: Scene;
  readonly stage: number;
  readonly startMs: number;
  readonly zoned: (ms: number) => ZonedDateTime;
  readonly state: { exhibits: number; firstThreatDone: boolean; prefix: string };
}

function addIncident(out: DemoCasebook, run: SceneRun): void {
  const { prng, random, cast, scene, startMs, zoned } = run;
  const start = zoned(startMs);
  const actor = scene.actor === 'offender' ? cast.offender : cast.unknown;
  const hm = start.local.slice(11, 16).split(':').map(Number);
  const ctx = { o: cast.offenderName, time: spokenTime(hm[0] ?? 0, hm[1] ?? 0), n: prng.int(2, 6) };

  const incident: Incident = {
    schema: INCIDENT_SCHEMA_VERSION,
    id: newId(IncidentIdSchema, random),
    when: { start, approximate: prng.chance(0.12) },
    location: { text: prng.pick(scene.places), placeType: scene.placeType },
    whatHappened: prng.pick(scene.narratives)(ctx),
    behaviours: [...scene.behaviours],
    people: [actor.id],
    evidence: [],
    witnesses: [],
  };
  if (scene.channel !== undefined) incident.channel = scene.channel;
  if (scene.inPerson) {
    if (prng.chance(0.5)) incident.when.end = zoned(startMs + prng.int(5, 60) * MINUTE);
    if (scene.placeType === 'home' && incident.location !== undefined && prng.chance(0.4)) {
      incident.location.coords = { lat: 53.0012 + prng.int(-9, 9) / 10_000, lng: -1.5021 };
    }
    if (prng.chance(0.6)) {
      incident.offenderDescription = { looked: prng.pick(D.LOOKED), wore: prng.pick(D.WORE) };
    }
    const witness = scene.placeType === 'work' ? cast.colleague : cast.neighbour;
    if ((scene.placeType === 'home' || scene.placeType === 'work') && prng.chance(0.15)) {
      incident.witnesses.push({
        name: witness.names[0] ?? 'Witness',
        contact: witness.phones[0] ?? '',
        personId: witness.id,
      });
    }
  }
  if (scene.vehicle)
    incident.vehicle = scene.actor === 'offender' ? cast.offenderCar : cast.unknownCar;
  if (scene.police !== undefined) {
    incident.police = {
      contacted: 'yes',
      method: scene.police,
      whatTheyDid: D.POLICE_ACTION[scene.police],
      reference: `${prng.int(1000, 9999)} ${start.local.slice(8, 10)}/${start.local.slice(5, 7)}/${start.local.slice(2, 4)}`,
      officer: prng.pick(D.OFFICERS),
    };
  } else if (run.stage >= 3 && prng.chance(0.15)) {
    incident.police = { contacted: 'not-yet' };
  }
  if (prng.chance(0.25 + run.stage * 0.1)) incident.impact = prng.pick(D.IMPACTS);
  if (prng.chance(0.2)) incident.changesMade = prng.pick(D.CHANGES);
  if (prng.chance(0.08)) incident.impactOnOthers = prng.pick(D.IMPACT_ON_OTHERS);

  if (scene.calls) addCalls(out, run, incident);
  const evidence =
    scene.evidence !== undefined && (scene.key === 'first-threat' || prng.chance(0.7))
      ? describeEvidence({ prng, random, startMs, zoned }, scene, scene.evidence, incident)
      : undefined;
  if (evidence !== undefined) {
    run.state.exhibits += 1;
    evidence.exhibitRef = `${run.state.prefix}/${run.state.exhibits}`;
    out.evidence.push(evidence);
    incident.evidence.push(evidence.id);
  }
  if (scene.item !== undefined) {
    const handed = run.stage >= 3 && prng.chance(0.5);
    out.items.push({
      schema: PHYSICAL_ITEM_SCHEMA_VERSION,
      id: newId(ItemIdSchema, random),
      what: scene.item,
      receivedAt: start,
      whereKeptNow: handed ? 'With the police.' : prng.pick(D.KEPT),
      handedToPolice: handed
        ? {
            handed: true,
            when: zoned(startMs + prng.int(1, 4) * DAY),
            reference: `EXH ${prng.int(100, 999)}`,
          }
        : { handed: false },
      evidence: evidence === undefined ? [] : [evidence.id],
      incidents: [incident.id],
    });
  }
  out.incidents.push(incident);
}

function addCalls(out: DemoCasebook, run: SceneRun, incident: Incident): void {
  const { prng, random, cast, startMs, zoned } = run;
  const threat = incident.behaviours.includes('threat-to-kill');
  const count = threat ? 1 : prng.int(1, 3);
  for (let i = 0; i < count; i++) {
    const withheld = threat || prng.chance(0.4);
    const answered = threat || prng.chance(0.2);
    const call: CallRecord = {
      schema: CALL_RECORD_SCHEMA_VERSION,
      id: newId(CallIdSchema, random),
      time: zoned(startMs + i * prng.int(1, 15) * MINUTE),
      withheld,
      answered,
    };
    if (!withheld) call.number = prng.pick(cast.offender.phones);
    if (answered) {
      call.durationSeconds = prng.int(4, 90);
      call.whatWasSaid = threat ? incident.whatHappened : prng.pick(D.CALL_SAID);
    }
    if (!withheld || answered) call.personId = cast.offender.id;
    out.calls.push(call);
  }
}
