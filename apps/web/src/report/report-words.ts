/** The Report screen's words and file names, kept apart from the screen so they can be tested. */

/** e.g. `report-2026-12-02.pdf`; neutral words, so a downloads folder says little either way. */
export function reportFileName(
  kind: 'pdf' | 'chronology' | 'exhibits' | 'json' | 'bundle',
  date: string,
): string {
  switch (kind) {
    case 'pdf':
      return `report-${date}.pdf`;
    case 'chronology':
      return `chronology-${date}.csv`;
    case 'exhibits':
      return `exhibits-${date}.csv`;
    case 'json':
      return `record-${date}.json`;
    case 'bundle':
      return `evidence-bundle-${date}.zip`;
  }
}

/** A dotted field path from the redaction log as words a person can follow. */
export function describeField(path: string): string {
  const [section, which, ...rest] = path.split('.');
  const field = rest.filter((p) => !/^\d+$/.test(p)).join(' ');
  const words = field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  switch (section) {
    case 'incidents':
      return `${which}: ${words}`;
    case 'people':
      return `a person: ${words}`;
    case 'exhibits':
      return `exhibit ${which}: ${words}`;
    case 'safety':
      return which
        ? `safety plan: ${[which, words]
            .filter(Boolean)
            .join(' ')
            .replace(/([a-z])([A-Z])/g, '$1 $2')
            .toLowerCase()}`
        : 'the safety plan';
    default:
      return [section, which, words].filter(Boolean).join(' ');
  }
}

export function percentOf(done: number, total: number): number {
  return total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
}

/** "1 incident", "3 incidents". */
export function countOf(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The words to black out, one per line: trimmed, blank lines and repeats dropped. */
export function wordsOf(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const word = line.trim();
    if (word === '' || seen.has(word.toLowerCase())) continue;
    seen.add(word.toLowerCase());
    out.push(word);
  }
  return out;
}
