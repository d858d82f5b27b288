import type { TagBlock } from './camera-time';

const MAX_DEVICE = 200;

function clean(value: unknown): string {
  if (typeof value !== 'string') return '';
  // Strip control characters a hostile or buggy file might carry, then tidy spaces.
  return value
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Make Model" from IFD0, without repeating the make ("Canon Canon EOS 30D" → "Canon EOS 30D"). */
export function cameraDevice(ifd0: TagBlock | undefined): string | undefined {
  const make = clean(ifd0?.Make);
  const model = clean(ifd0?.Model);
  const device =
    make !== '' && model.toLowerCase().startsWith(make.toLowerCase())
      ? model
      : [make, model].filter((s) => s !== '').join(' ');
  return device === '' ? undefined : device.slice(0, MAX_DEVICE);
}
