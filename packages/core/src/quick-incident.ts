import { IncidentIdSchema, newId } from './ids';
import type { Clock, Random, Result } from './ports';
import { INCIDENT_SCHEMA_VERSION, type Incident, IncidentSchema } from './records/incident';
import { toZonedDateTime } from './records/to-zoned-date-time';
import { isTimeZone } from './records/zoned-time';
import { validate } from './validate';

/**
 * An incident from just "what happened", timed now in `zone`: the fastest safe save.
 * Everything else can be added later as a new revision. Fails (as a value) on blank or
 * oversized text; an unknown zone is a bug in the caller and throws.
 */
export function quickIncident(
  whatHappened: string,
  clock: Clock,
  zone: string,
  random: Random,
): Result<Incident> {
  if (!isTimeZone(zone)) throw new RangeError(`Unknown time zone: ${zone}`);
  return validate(IncidentSchema, {
    schema: INCIDENT_SCHEMA_VERSION,
    id: newId(IncidentIdSchema, random),
    when: { start: toZonedDateTime(clock.now(), zone), approximate: false },
    whatHappened,
    behaviours: [],
    people: [],
    evidence: [],
    witnesses: [],
  } satisfies Incident);
}
