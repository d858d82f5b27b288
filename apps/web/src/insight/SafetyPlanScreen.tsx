import {
  SAFETY_PLAN_GROUPS,
  SAFETY_PLAN_ITEMS,
  type SafetyPlanGroup,
  type SafetyPlanItem,
} from '@casebook/core';
import { useId, useState } from 'react';
import { PageHeading } from '../components/PageHeading';
import { useDiary } from '../diary/use-diary-data';
import { EntryList } from './EntryList';
import {
  progress,
  statusOf,
  toggleDone,
  toggleNotRelevant,
  withAdded,
  withNote,
  withRemoved,
} from './safety-plan-model';
import { type SaveState, useSafetyPlan } from './use-safety-plan';

const GROUPS = Object.keys(SAFETY_PLAN_GROUPS) as SafetyPlanGroup[];

const SAVE_TEXT: Record<SaveState, string> = {
  idle: 'Changes are saved as you make them.',
  saving: 'Saving…',
  saved: 'All changes saved.',
  failed: 'Your last change could not be saved. Try again, or lock and unlock.',
};

const focusHeading = (id: string) => document.getElementById(`${id}-heading`)?.focus();

/** The seed pages' advice as checklists, plus trusted people, safe places and routine changes. */
export function SafetyPlanScreen() {
  const diary = useDiary();
  // The plan arrives after the timeline; editing before it did would start from a blank plan.
  if (!diary.loaded.has('safety-plan')) {
    return (
      <>
        <PageHeading>Safety plan</PageHeading>
        <p role="status">Opening your safety plan…</p>
      </>
    );
  }
  return <SafetyPlanEditor />;
}

function SafetyPlanEditor() {
  const { plan, state, change, flush } = useSafetyPlan();
  const all = progress(
    plan,
    SAFETY_PLAN_ITEMS.map((i) => i.id),
  );

  return (
    <>
      <PageHeading>Safety plan</PageHeading>
      <p>
        What the police and victim services advise, as a checklist you can work through at your own
        pace. Tick what you have done, and mark anything that does not apply to you.
      </p>
      <p className={state === 'failed' ? 'alert' : 'card-meta'} role="status">
        {SAVE_TEXT[state]} {all.done} of {all.total} done
        {all.notRelevant > 0 ? `, ${all.notRelevant} not relevant` : ''}.
      </p>
      <nav className="jump" aria-label="On this page">
        <span>Jump to:</span>
        <button type="button" className="link-button" onClick={() => focusHeading('trusted')}>
          Trusted people
        </button>
        <button type="button" className="link-button" onClick={() => focusHeading('places')}>
          Safe places
        </button>
        <button type="button" className="link-button" onClick={() => focusHeading('routine')}>
          Routine changes
        </button>
      </nav>

      {GROUPS.map((group) => {
        const items = SAFETY_PLAN_ITEMS.filter((i) => i.group === group);
        const p = progress(
          plan,
          items.map((i) => i.id),
        );
        return (
          <section key={group} className="plan-group" aria-labelledby={`group-${group}`}>
            <h2 id={`group-${group}`}>{SAFETY_PLAN_GROUPS[group]}</h2>
            <p className="card-meta">
              {p.done} of {p.total} done
            </p>
            <ul className="plan-items">
              {items.map((item) => (
                <PlanItem
                  key={item.id}
                  item={item}
                  status={statusOf(plan, item.id)}
                  note={plan.items[item.id]?.note ?? ''}
                  onDone={(done) => change(toggleDone(plan, item.id, done))}
                  onNotRelevant={(on) => change(toggleNotRelevant(plan, item.id, on))}
                  onNote={(note) => change(withNote(plan, item.id, note), { typing: true })}
                  onNoteDone={flush}
                />
              ))}
            </ul>
          </section>
        );
      })}

      <EntryList
        id="trusted"
        title="Trusted people"
        intro="People you can call, who know what is happening and will help."
        fields={[
          { key: 'name', label: 'Name' },
          { key: 'contact', label: 'How to reach them', phone: true },
        ]}
        entries={plan.trustedPeople}
        addLabel="Add trusted person"
        empty="No one added yet."
        onAdd={(v) => change(withAdded(plan, 'trustedPeople', entry(v, 'name', ['contact'])))}
        onRemove={(i) => change(withRemoved(plan, 'trustedPeople', i))}
      />
      <EntryList
        id="places"
        title="Safe places"
        intro="Places you can go if you feel unsafe: a police station, a busy shop with security staff, a friend's home."
        fields={[
          { key: 'name', label: 'Place' },
          { key: 'address', label: 'Address or directions' },
        ]}
        entries={plan.safePlaces}
        addLabel="Add safe place"
        empty="No places added yet."
        onAdd={(v) => change(withAdded(plan, 'safePlaces', entry(v, 'name', ['address'])))}
        onRemove={(i) => change(withRemoved(plan, 'safePlaces', i))}
      />
      <EntryList
        id="routine"
        title="Routine changes"
        intro="Changes to your routes and routines, so you remember what you decided."
        fields={[{ key: 'change', label: 'Change' }]}
        entries={plan.routineChanges}
        addLabel="Add routine change"
        empty="No changes added yet."
        onAdd={(v) => change(withAdded(plan, 'routineChanges', entry(v, 'change', [])))}
        onRemove={(i) => change(withRemoved(plan, 'routineChanges', i))}
      />
    </>
  );
}

/** Builds an entry with its required field and only the optional fields that were filled. */
function entry<K extends string, O extends string>(
  values: Record<string, string>,
  required: K,
  optional: readonly O[],
): Record<K, string> & Partial<Record<O, string>> {
  const out: Record<string, string> = { [required]: values[required] ?? '' };
  for (const key of optional) {
    const v = values[key];
    if (v !== undefined && v !== '') out[key] = v;
  }
  return out as Record<K, string> & Partial<Record<O, string>>;
}

function PlanItem(props: {
  item: SafetyPlanItem;
  status: 'done' | 'not-yet' | 'not-relevant';
  note: string;
  onDone(done: boolean): void;
  onNotRelevant(on: boolean): void;
  onNote(note: string): void;
  onNoteDone(): void;
}) {
  const id = useId();
  const [noteOpen, setNoteOpen] = useState(props.note !== '');
  return (
    <li className={`plan-item ${props.status}`}>
      <label className="check plan-done">
        <input
          type="checkbox"
          autoComplete="off"
          checked={props.status === 'done'}
          onChange={(e) => props.onDone(e.target.checked)}
        />
        <span id={`${id}-text`}>{props.item.text}</span>
      </label>
      <div className="plan-item-tools">
        <label className="check small">
          <input
            type="checkbox"
            autoComplete="off"
            checked={props.status === 'not-relevant'}
            onChange={(e) => props.onNotRelevant(e.target.checked)}
            aria-describedby={`${id}-text`}
          />
          <span>Not relevant</span>
        </label>
        <button
          type="button"
          className="button quiet"
          aria-expanded={noteOpen}
          aria-controls={`${id}-note`}
          aria-describedby={`${id}-text`}
          onClick={() => setNoteOpen((o) => !o)}
        >
          {props.note ? 'Note' : 'Add a note'}
        </button>
      </div>
      {noteOpen ? (
        <div id={`${id}-note`} className="field plan-note">
          <label htmlFor={`${id}-note-input`}>Your note</label>
          <textarea
            id={`${id}-note-input`}
            autoComplete="off"
            rows={2}
            value={props.note}
            aria-describedby={`${id}-text`}
            onChange={(e) => props.onNote(e.target.value)}
            onBlur={props.onNoteDone}
          />
        </div>
      ) : null}
    </li>
  );
}
