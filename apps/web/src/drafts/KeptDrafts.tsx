import { useState } from 'react';
import type { Navigate } from '../diary/routes';
import { useDiary } from '../diary/use-diary-data';
import { draftOfferWords } from './draft-body';
import { peopleAddedIn, routeOfDraft } from './draft-route';
import { useDrafts } from './use-drafts';

/** The reason kept with a person removed because the incident they were added for was not kept. */
export const ADDED_PERSON_REASON = 'Added while writing an incident that was then discarded.';

/** Offers each kept draft back after unlock (and whenever Incidents is shown): carry on or discard. */
export function KeptDrafts(props: { navigate: Navigate }) {
  const drafts = useDrafts();
  const diary = useDiary();
  const [now] = useState(() => new Date());
  if (drafts.kept.length === 0) return null;
  const sorted = [...drafts.kept].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <section className="notice drafts-kept" aria-label="Unsaved drafts">
      {sorted.map((draft) => (
        <div key={draft.slot} className="draft-offer">
          <p>{draftOfferWords(draft, now)}</p>
          <div className="button-row">
            <button
              type="button"
              className="button"
              onClick={() => props.navigate(routeOfDraft(draft))}
            >
              Carry on
            </button>
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                void drafts.discard(draft.slot);
                for (const id of peopleAddedIn(draft.body.values)) {
                  if (diary.peopleById.has(id))
                    void diary.remove('person', id, ADDED_PERSON_REASON);
                }
              }}
            >
              Discard
            </button>
          </div>
        </div>
      ))}
    </section>
  );
}
