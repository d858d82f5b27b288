import { expect, it } from 'vitest';
import { EXPECTED_ZONE_CASES, zoneCaseResults } from '../../test/zone-cases';

process.env.TZ = 'Europe/London';

it('reads WhatsApp times the same with the host in Europe/London', () => {
  // Positive control: the host zone is in force, so a host-zone reading would differ.
  expect(new Date(2024, 9, 27, 1, 30).toISOString()).toBe('2024-10-27T00:30:00.000Z');
  expect(zoneCaseResults()).toEqual(EXPECTED_ZONE_CASES);
});
