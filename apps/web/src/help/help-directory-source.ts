import { defaultHelpDirectory, type HelpDirectory, parseHelpDirectory } from '@casebook/core';

/** Where a deploying organisation puts its own directory: same origin, beside index.html. */
export const HELP_DIRECTORY_URL = '/help-directory.json';

export type HelpDirectoryState =
  | { readonly status: 'loading' }
  | {
      readonly status: 'ready';
      readonly directory: HelpDirectory;
      readonly source: 'deployed' | 'built-in';
    }
  | {
      readonly status: 'invalid';
      /** What is wrong, naming the entry at fault (for the organisation that runs the app). */
      readonly reason: string;
      /** The built-in list, shown instead so nobody is left without numbers to call. */
      readonly fallback?: HelpDirectory;
    };

type Fetch = (
  url: string,
  init: RequestInit,
) => Promise<Pick<Response, 'ok' | 'status' | 'headers' | 'text'>>;

function builtIn(): HelpDirectoryState {
  try {
    return { status: 'ready', directory: defaultHelpDirectory(), source: 'built-in' };
  } catch (error) {
    return {
      status: 'invalid',
      reason: error instanceof Error ? error.message : 'The built-in help directory is damaged.',
    };
  }
}

/**
 * The help directory: the deployer's `/help-directory.json` when the server has one (same
 * origin only; the CSP allows nothing else), checked against core's schema; otherwise the
 * built-in UK list. A file that is there but wrong is reported, never silently ignored.
 */
export async function loadHelpDirectory(fetchFn: Fetch = fetch): Promise<HelpDirectoryState> {
  let response: Awaited<ReturnType<Fetch>>;
  try {
    response = await fetchFn(HELP_DIRECTORY_URL, {
      credentials: 'same-origin',
      cache: 'no-cache',
      redirect: 'error',
    });
  } catch {
    // Offline with no copy cached, or no server file at all: the built-in list still works.
    return builtIn();
  }
  if (response.status === 404) return builtIn();
  const type = response.headers.get('content-type') ?? '';
  // Hosts that answer every path with index.html have no directory file.
  if (response.ok && type.includes('text/html')) return builtIn();
  if (!response.ok) {
    return withFallback(
      `The help directory file could not be loaded (the server answered ${response.status}).`,
    );
  }
  const parsed = parseHelpDirectory(await response.text());
  if (!parsed.ok) return withFallback(parsed.reason);
  return { status: 'ready', directory: parsed.value, source: 'deployed' };
}

function withFallback(reason: string): HelpDirectoryState {
  const fallback = builtIn();
  return fallback.status === 'ready'
    ? { status: 'invalid', reason, fallback: fallback.directory }
    : { status: 'invalid', reason };
}

/** Emergency entries first, then the rest in the directory's own order. */
export function orderedEntries(directory: HelpDirectory): HelpDirectory['entries'] {
  return [
    ...directory.entries.filter((e) => e.kind === 'emergency'),
    ...directory.entries.filter((e) => e.kind !== 'emergency'),
  ];
}
