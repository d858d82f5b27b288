import type { Route } from '../diary/routes';
import type { DraftView } from './draft-body';

/** Where "Carry on" takes a kept draft: the form it came from. */
export function routeOfDraft(draft: Pick<DraftView, 'body'>): Route {
  const { form, target } = draft.body;
  switch (form) {
    case 'incident':
      return target ? { name: 'incident-edit', id: target } : { name: 'incident-new' };
    case 'person':
      return target ? { name: 'person-edit', id: target } : { name: 'person-new' };
    case 'call':
      return { name: 'calls' };
    case 'item':
      return { name: 'items' };
  }
}

/** People added from an incident form while it was being written (they go if it is discarded). */
export function peopleAddedIn(values: Readonly<Record<string, unknown>>): string[] {
  const added = values.addedPeople;
  return Array.isArray(added) ? added.filter((id): id is string => typeof id === 'string') : [];
}
