import type { Coordinates } from '@casebook/core';
import type { TagBlock } from './camera-time';
import { NOTES, type Note } from './notes';

/** Degrees from EXIF's [degrees, minutes, seconds] rationals (or a single decimal value). */
function degrees(value: unknown): number | undefined {
  const parts =
    typeof value === 'number'
      ? [value]
      : Array.isArray(value) || ArrayBuffer.isView(value)
        ? Array.from(value as ArrayLike<unknown>)
        : [];
  if (parts.length < 1 || parts.length > 3) return undefined;
  if (!parts.every((p): p is number => typeof p === 'number' && Number.isFinite(p) && p >= 0)) {
    return undefined;
  }
  const [d = 0, m = 0, s = 0] = parts;
  if (m >= 60 || s >= 60) return undefined;
  return d + m / 60 + s / 3600;
}

function signed(value: unknown, ref: unknown, positive: string, negative: string, max: number) {
  const abs = degrees(value);
  const r = typeof ref === 'string' ? ref.trim().toUpperCase() : '';
  // Without a valid reference the hemisphere is unknown: no location beats a wrong one.
  if (abs === undefined || abs > max || (r !== positive && r !== negative)) return undefined;
  return Math.round((r === negative ? -abs : abs) * 1e7) / 1e7;
}

/**
 * WGS 84 decimal degrees from the GPS IFD, rounded to 7 places (about 1 cm). Anything
 * malformed or out of range is left out with a note rather than guessed.
 */
export function cameraGps(gps: TagBlock | undefined, notes: Note[]): Coordinates | undefined {
  if (gps === undefined || Object.keys(gps).length === 0) return undefined;
  const lat = signed(gps.GPSLatitude, gps.GPSLatitudeRef, 'N', 'S', 90);
  const lng = signed(gps.GPSLongitude, gps.GPSLongitudeRef, 'E', 'W', 180);
  if (lat === undefined || lng === undefined) {
    notes.push(NOTES.unreadableGps);
    return undefined;
  }
  if (lat === 0 && lng === 0) {
    notes.push(NOTES.nullIslandGps);
    return undefined;
  }
  // -0 would survive JSON as 0 but fail strict equality checks downstream.
  return { lat: lat + 0, lng: lng + 0 };
}
