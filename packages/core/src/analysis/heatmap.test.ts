import { describe, expect, it } from 'vitest';
import { weekdayHourHeatmap } from './heatmap';
import { BST, id, incident } from './test-kit';

describe('weekdayHourHeatmap', () => {
  it('places each incident by local weekday (Monday first) and hour', () => {
    const { cells, max } = weekdayHourHeatmap([
      incident('a', '2025-03-03T10:00'), // Monday 10:00
      incident('b', '2025-03-10T10:59'), // Monday 10:00
      incident('c', '2025-03-09T23:59'), // Sunday 23:00
      incident('d', '2025-06-04T00:15', BST), // Wednesday 00:00 (23:15 UTC Tuesday)
    ]);
    expect(cells).toHaveLength(7);
    expect(cells.every((row) => row.length === 24)).toBe(true);
    expect(cells[0]?.[10]).toEqual({ count: 2, incidentIds: [id('a'), id('b')] });
    expect(cells[6]?.[23]).toEqual({ count: 1, incidentIds: [id('c')] });
    expect(cells[2]?.[0]).toEqual({ count: 1, incidentIds: [id('d')] });
    expect(cells[1]?.[23]?.count).toBe(0);
    expect(max).toBe(2);
    expect(cells.flat().reduce((n, c) => n + c.count, 0)).toBe(4);
  });

  it('is all zeros for an empty log', () => {
    const { cells, max } = weekdayHourHeatmap([]);
    expect(max).toBe(0);
    expect(cells.flat().every((c) => c.count === 0)).toBe(true);
  });
});
