/** Writes chats as WhatsApp would export them, for round-trip tests (tests only). */

export interface WrittenMessage {
  /** Wall clock as `YYYY-MM-DDTHH:MM:SS`. */
  readonly local: string;
  /** Empty for a system line (Android) or the group's name (iOS, `system`). */
  readonly sender: string;
  readonly text: string;
  readonly system?: boolean;
}

export interface ExportLayout {
  readonly platform: 'android' | 'ios';
  readonly order: 'day-first' | 'month-first';
  readonly clock: '24h' | '12h';
  readonly year: 2 | 4;
  readonly separator: '/' | '.' | '-';
}

const pad = (n: number) => String(n).padStart(2, '0');

export function writeHeaderTime(local: string, layout: ExportLayout): string {
  const [date = '', time = ''] = local.split('T');
  const [y = '', mo = '', d = ''] = date.split('-');
  const [h = 0, mi = 0, s = 0] = time.split(':').map(Number);
  const year = layout.year === 2 ? y.slice(2) : y;
  const dd =
    layout.order === 'day-first' ? `${d}${layout.separator}${mo}` : `${mo}${layout.separator}${d}`;
  const nnbsp = '\u202f';
  const clock =
    layout.clock === '24h' ? `${pad(h)}:${pad(mi)}` : `${h % 12 === 0 ? 12 : h % 12}:${pad(mi)}`;
  const seconds = layout.platform === 'ios' ? `:${pad(s)}` : '';
  const half = layout.clock === '12h' ? `${nnbsp}${h < 12 ? 'AM' : 'PM'}` : '';
  return `${dd}${layout.separator}${year}, ${clock}${seconds}${half}`;
}

/** One line per header, continuation lines after it, a newline at the end. */
export function writeWhatsApp(messages: readonly WrittenMessage[], layout: ExportLayout): string {
  const out: string[] = [];
  for (const m of messages) {
    const when = writeHeaderTime(m.local, layout);
    if (layout.platform === 'ios') {
      const mark = m.system === true ? '\u200e' : '';
      out.push(`${mark}[${when}] ${m.sender}: ${mark}${m.text}`);
    } else {
      out.push(m.system === true ? `${when} - ${m.text}` : `${when} - ${m.sender}: ${m.text}`);
    }
  }
  return `${out.join('\n')}\n`;
}
