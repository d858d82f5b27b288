const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/**
 * A size in plain words, decimal units as phones and computers show them in the UK:
 * "512 bytes", "1.2 MB", "2.0 GB".
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'unknown size';
  if (bytes < 1000) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 999.95 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(1)} ${UNITS[unit]}`;
}

/** "1.2 MB (1,234,567 bytes)": the exact count matters to an officer comparing files. */
export function formatSize(bytes: number): string {
  const exact = `${bytes.toLocaleString('en-GB')} ${bytes === 1 ? 'byte' : 'bytes'}`;
  return bytes < 1000 ? exact : `${formatBytes(bytes)} (${exact})`;
}
