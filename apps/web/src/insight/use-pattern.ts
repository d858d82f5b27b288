import type { Incident } from '@casebook/core';
import { useEffect, useMemo, useState } from 'react';
import { vault } from '../data/vault';
import { browserZone } from '../diary/ports';
import { useDiary } from '../diary/use-diary-data';
import type { PatternView } from '../worker/pattern-ops';

export type PatternState =
  | { readonly status: 'working' }
  | { readonly status: 'failed' }
  | {
      readonly status: 'ready';
      readonly view: PatternView;
      readonly byId: ReadonlyMap<string, Incident>;
    };

// Keyed by the page's incident list: every save replaces the array, so a hit is current.
const cache = new WeakMap<object, Promise<PatternState>>();

/**
 * Pattern's analysis, worked out in the vault worker (which holds every decrypted incident)
 * and asked for again after each change to the incident list. Nothing is analysed here.
 */
export function requestPattern(list: object): Promise<PatternState> {
  let pending = cache.get(list);
  if (pending === undefined) {
    const started = performance.now();
    pending = vault.call('pattern', new Date().toISOString(), browserZone()).then(
      (view): PatternState => {
        // A local timing mark for bench/pattern-web.ts; it holds no data and goes nowhere.
        performance.measure('casebook:analysis', { start: started, end: performance.now() });
        return { status: 'ready', view, byId: new Map(Object.entries(view.incidents)) };
      },
      (): PatternState => {
        cache.delete(list);
        return { status: 'failed' };
      },
    );
    cache.set(list, pending);
  }
  return pending;
}

export function usePattern(): PatternState {
  const list = useDiary().lists.incident;
  const [state, setState] = useState<{ list: object; value: PatternState }>();
  useEffect(() => {
    let live = true;
    requestPattern(list).then((value) => {
      if (live) setState({ list, value });
    });
    return () => {
      live = false;
    };
  }, [list]);
  // An answer for an older list is still shown while the new one is worked out: a save
  // changes a count by one, and blanking the screen meanwhile would be worse.
  return useMemo(() => state?.value ?? { status: 'working' }, [state]);
}
