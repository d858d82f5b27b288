/**
 * A refused write in words that help: core's check says a record "could not be read after
 * upgrading it", which is true of stored records but wrong for one being saved (trying again
 * cannot help). This says it was not saved, what the check found, and what to do.
 */
export function saveProblem(kind: string, reason: string): string {
  const found = reason.replace(/^This [\w-]+ could not be read after upgrading it:\s*/, '');
  return `This ${kind} was not saved. ${found.trim()} What you wrote is still on screen: change what is named here, then save again.`;
}

/** What a form says when its save failed: the worker's words if they say it all already. */
export function notSavedText(noun: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (/^This [\w-]+ was not saved\./.test(message)) return message;
  return `The ${noun} was not saved. ${message} What you wrote is still on screen, kept as a draft.`.replace(
    /\s+/g,
    ' ',
  );
}
