/** Why a file could not be read, in words a frightened person can act on. Nothing was changed. */
export interface ImportProblem {
  readonly code:
    | 'not-an-export'
    | 'empty'
    | 'truncated'
    | 'unknown-language'
    | 'damaged'
    | 'too-large'
    | 'unsupported';
  readonly message: string;
  /** Where in the file it went wrong, when known (a line or a byte offset). */
  readonly at?: { line: number } | { byte: number };
}

export type ImportResult<T> = { ok: true; value: T } | { ok: false; problem: ImportProblem };

const MESSAGES: Record<ImportProblem['code'], string> = {
  'not-an-export':
    'This file does not look like an exported chat, message backup or email. Nothing was imported. Choose the file the app exported (for WhatsApp, "Export chat").',
  empty: 'This file is empty. Nothing was imported. Export the chat again and choose the new file.',
  truncated:
    'This file stops part-way through, so it may not have finished downloading or copying. Nothing was imported. Copy or export it again.',
  'unknown-language':
    'This chat is written in a date or language layout Casebook does not know yet. Nothing was imported. The file itself can still be kept as evidence.',
  damaged:
    'Part of this file is damaged and cannot be read. Nothing was imported. Export or copy it again; the original can still be kept as evidence.',
  'too-large':
    'This file is too large to read on this device. Nothing was imported. Try on a computer with more free space.',
  unsupported:
    'Casebook cannot read this kind of export yet. Nothing was imported. The file itself can still be kept as evidence.',
};

/** An ImportProblem with the standard wording, plus an optional detail sentence. */
export function problem(
  code: ImportProblem['code'],
  detail?: string,
  at?: ImportProblem['at'],
): ImportProblem {
  const message = detail === undefined ? MESSAGES[code] : `${MESSAGES[code]} (${detail})`;
  return at === undefined ? { code, message } : { code, message, at };
}
