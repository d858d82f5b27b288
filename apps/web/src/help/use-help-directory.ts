import { useEffect, useState } from 'react';
import { type HelpDirectoryState, loadHelpDirectory } from './help-directory-source';

let started: Promise<HelpDirectoryState> | undefined;
let settled: HelpDirectoryState | undefined;

/** Starts loading and checking the help directory; main.tsx calls it at start-up. */
export function startHelpDirectory(): Promise<HelpDirectoryState> {
  started ??= loadHelpDirectory().then((state) => {
    settled = state;
    return state;
  });
  return started;
}

/** The help directory as checked at start-up. */
export function useHelpDirectory(): HelpDirectoryState {
  const [state, setState] = useState<HelpDirectoryState>(settled ?? { status: 'loading' });
  useEffect(() => {
    let live = true;
    void startHelpDirectory().then((s) => {
      if (live) setState(s);
    });
    return () => {
      live = false;
    };
  }, []);
  return state;
}
