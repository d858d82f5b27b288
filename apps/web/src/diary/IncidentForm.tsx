import {
  BEHAVIOUR_GROUPS,
  BEHAVIOURS,
  CHANNELS,
  IncidentIdSchema,
  newId,
  PLACE_TYPES,
  POLICE_CONTACTED,
  POLICE_METHODS,
} from '@casebook/core';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { Alert, Checkbox, Radios, Select, TextArea, TextField } from '../components/Fields';
import { PageHeading } from '../components/PageHeading';
import { notSavedText } from '../data/save-problem';
import { ADDED_PERSON_REASON } from '../drafts/KeptDrafts';
import { useFormDraft } from '../drafts/use-form-draft';
import { LinkedEvidence } from '../evidence/LinkedEvidence';
import { linkBackToIncident } from '../evidence/links';
import { useIntake } from '../evidence/use-intake';
import {
  draftFrom,
  emptyDraft,
  type IncidentDraft,
  incidentFromDraft,
  limitOf,
} from './incident-model';
import { personName } from './labels';
import { browserRandom } from './ports';
import { QuickPerson } from './QuickPerson';
import type { Navigate } from './routes';
import { MAX_SHORT_TEXT } from './text-limits';
import { useDiary } from './use-diary-data';

/**
 * New incident and edit. Quick add needs only "What happened" (the time is now); "Add more
 * details" opens every field of the stalking log. Saving an edit adds a revision.
 */
export function IncidentForm(props: { id?: string; navigate: Navigate }) {
  const diary = useDiary();
  const existing = props.id
    ? diary.lists.incident.find((r) => r.id === props.id && r.state === 'live')
    : undefined;
  // The form's state is kept as an encrypted draft while it has changes (see useFormDraft).
  // `addedPeople`: people added from this form, removed again if it is discarded.
  const kept = useFormDraft<IncidentDraft & { addedPeople: string[] }>({
    form: 'incident',
    target: existing?.id,
    noun: 'incident',
    initial: () => ({
      ...(existing?.state === 'live' ? draftFrom(existing.body) : emptyDraft()),
      addedPeople: [],
    }),
    onDiscard: async (values) => {
      for (const id of values.addedPeople) {
        if (diary.peopleById.has(id)) await diary.remove('person', id, ADDED_PERSON_REASON);
      }
    },
  });
  const draft = kept.values;
  const setDraft = kept.setValues;
  const [more, setMore] = useState(Boolean(existing) || hasDetails(kept.restored?.body.values));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const savingRef = useRef(false);
  // Files chosen on this form are linked to the incident as each goes in; Save waits for them,
  // so none goes in after the incident is saved and is left unlinked.
  const intake = useIntake();
  const origin = existing ? `incident-form-${existing.id}` : 'incident-form-new';
  const goingIn = intake.jobs.filter(
    (j) => j.origin === origin && (j.status === 'waiting' || j.status === 'running'),
  ).length;
  const [held, setHeld] = useState(false);

  const set =
    <K extends keyof IncidentDraft>(key: K) =>
    (value: IncidentDraft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));

  const people = useMemo(
    () =>
      diary.lists.person
        .filter((r) => r.state === 'live')
        .map((r) => ({ id: r.id, label: personName(r.state === 'live' ? r.body : undefined) })),
    [diary.lists.person],
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (savingRef.current) return;
    if (goingIn > 0) {
      setHeld(true);
      return;
    }
    setHeld(false);
    // A new incident gets its id before its first save, kept in the draft: pressing Save again
    // after a failure saves the same incident again, never a second one.
    let values = draft;
    if (!existing && !draft.id) {
      values = { ...draft, id: newId(IncidentIdSchema, browserRandom) };
      setDraft((d) => ({ ...d, id: values.id }));
    }
    const result = incidentFromDraft(values);
    if (!result.ok) {
      setErrors(result.errors);
      const count = Object.keys(result.errors).length;
      setFailure(
        count === 1
          ? 'One field needs a change before this can be saved. It says what to do. What you wrote is kept.'
          : `${count} fields need a change before this can be saved. Each says what to do. What you wrote is kept.`,
      );
      if (Object.keys(result.errors).some((k) => k !== 'whatHappened' && k !== 'start')) {
        setMore(true);
      }
      return;
    }
    savingRef.current = true;
    setSaving(true);
    setErrors({});
    setFailure(undefined);
    try {
      await diary.save('incident', result.incident.id, result.incident);
    } catch (error) {
      savingRef.current = false;
      setSaving(false);
      setFailure(notSavedText('incident', error));
      return;
    }
    let flash = 'Incident saved.';
    if (!existing) {
      try {
        await linkBackToIncident(diary, result.incident.id, result.incident.evidence);
      } catch {
        flash =
          'The incident is saved. Linking the files did not finish: open the incident and add them again.';
      }
    }
    void kept.saved();
    props.navigate(
      existing ? { name: 'incident', id: result.incident.id } : { name: 'timeline', flash },
    );
  };

  return (
    <>
      <PageHeading focus={Boolean(existing)}>
        {existing ? 'Edit incident' : 'New incident'}
      </PageHeading>
      {kept.restored ? (
        <p className="notice" role="status">
          Carried on from your draft. Save it when you are ready.
        </p>
      ) : null}
      <form autoComplete="off" onSubmit={(e) => void submit(e)} noValidate>
        {failure ? <Alert>{failure}</Alert> : null}
        <TextArea
          label="What happened"
          hint="Write it down while it is fresh. You can add the rest later."
          value={draft.whatHappened}
          onChange={set('whatHappened')}
          error={errors.whatHappened}
          limit={limitOf('whatHappened')}
          autoFocus={!existing}
          rows={5}
        />
        <div className="inline-fields">
          <TextField
            label="Date and time"
            type="datetime-local"
            value={draft.start}
            onChange={set('start')}
            error={errors.start}
          />
          <TextField
            label="Location"
            hint="Optional. For example: outside work, or on Instagram."
            value={draft.locationText}
            onChange={set('locationText')}
            error={errors.locationText}
            limit={limitOf('locationText')}
          />
        </div>

        <button
          type="button"
          className="button secondary"
          aria-expanded={more}
          aria-controls="incident-more"
          onClick={() => setMore((m) => !m)}
        >
          {more ? 'Hide extra details' : 'Add more details'}
        </button>

        <div id="incident-more" hidden={!more}>
          <h2>When and where</h2>
          <fieldset>
            <legend>Timing</legend>
            <TextField
              label="When it ended (optional)"
              type="datetime-local"
              value={draft.end}
              onChange={set('end')}
              error={errors.end}
            />
            <Checkbox
              label="I am not sure of the exact time"
              checked={draft.approximate}
              onChange={set('approximate')}
            />
          </fieldset>
          <fieldset>
            <legend>Place</legend>
            <Select
              label="Kind of place"
              value={draft.placeType}
              onChange={set('placeType')}
              options={PLACE_TYPES}
              empty="Not chosen"
            />
            <div className="inline-fields">
              <TextField
                label="Latitude (optional)"
                inputMode="decimal"
                value={draft.lat}
                onChange={set('lat')}
                error={errors.coords}
              />
              <TextField
                label="Longitude (optional)"
                inputMode="decimal"
                value={draft.lng}
                onChange={set('lng')}
              />
            </div>
          </fieldset>

          <h2>What they did</h2>
          <fieldset>
            <legend>Behaviours</legend>
            <span className="hint">Tick everything that happened this time.</span>
            {Object.entries(BEHAVIOUR_GROUPS).map(([group, title]) => (
              <div key={group}>
                <h3>{title}</h3>
                <div className="checks">
                  {BEHAVIOURS.filter((b) => b.group === group).map((b) => (
                    <label key={b.id} className="check">
                      <input
                        type="checkbox"
                        autoComplete="off"
                        checked={draft.behaviours.includes(b.id)}
                        onChange={(e) =>
                          set('behaviours')(
                            e.target.checked
                              ? [...draft.behaviours, b.id]
                              : draft.behaviours.filter((x) => x !== b.id),
                          )
                        }
                      />
                      <span>{b.label}</span>
                    </label>
                  ))}
                </div>
              </div>
            ))}
          </fieldset>
          <Select
            label="How it happened"
            value={draft.channel}
            onChange={set('channel')}
            options={CHANNELS}
            empty="Not chosen"
          />

          <h2>Who</h2>
          <fieldset>
            <legend>People involved</legend>
            {people.length === 0 ? (
              <p className="hint">Nobody in your people list yet. Add someone below.</p>
            ) : (
              <div className="checks">
                {people.map((p) => (
                  <label key={p.id} className="check">
                    <input
                      type="checkbox"
                      autoComplete="off"
                      checked={draft.people.includes(p.id)}
                      onChange={(e) =>
                        set('people')(
                          e.target.checked
                            ? [...draft.people, p.id]
                            : draft.people.filter((x) => x !== p.id),
                        )
                      }
                    />
                    <span>{p.label}</span>
                  </label>
                ))}
              </div>
            )}
            <QuickPerson
              onAdded={(id) =>
                setDraft((d) => ({
                  ...d,
                  people: [...d.people, id],
                  addedPeople: [...d.addedPeople, id],
                }))
              }
            />
          </fieldset>
          <fieldset>
            <legend>What they were like this time</legend>
            <TextArea
              label="What they looked like"
              value={draft.looked}
              onChange={set('looked')}
              error={errors.looked}
              limit={limitOf('looked')}
              rows={2}
            />
            <TextArea
              label="What they sounded like"
              value={draft.sounded}
              onChange={set('sounded')}
              error={errors.sounded}
              limit={limitOf('sounded')}
              rows={2}
            />
            <TextArea
              label="What they wore"
              value={draft.wore}
              onChange={set('wore')}
              error={errors.wore}
              limit={limitOf('wore')}
              rows={2}
            />
          </fieldset>
          <fieldset>
            <legend>Vehicle</legend>
            <div className="inline-fields">
              <TextField
                label="Make"
                value={draft.vehicleMake}
                onChange={set('vehicleMake')}
                error={errors.vehicleMake}
                limit={limitOf('vehicleMake')}
              />
              <TextField
                label="Model"
                value={draft.vehicleModel}
                onChange={set('vehicleModel')}
                error={errors.vehicleModel}
                limit={limitOf('vehicleModel')}
              />
              <TextField
                label="Colour"
                value={draft.vehicleColour}
                onChange={set('vehicleColour')}
                error={errors.vehicleColour}
                limit={limitOf('vehicleColour')}
              />
              <TextField
                label="Number plate"
                hint="Even part of it helps."
                value={draft.vehiclePlate}
                onChange={set('vehiclePlate')}
                error={errors.vehiclePlate}
                limit={limitOf('vehiclePlate')}
              />
            </div>
          </fieldset>

          <h2>Evidence and witnesses</h2>
          {/* A new incident takes files too (issue 13): they go into Evidence at once, and are
              linked both ways when the incident is saved. */}
          <LinkedEvidence
            ids={draft.evidence}
            attachLabel="Attach evidence files"
            origin={origin}
            {...(existing && { incidents: [existing.id] })}
            {...(!existing && {
              hint: 'Photos, screenshots, recordings or documents. Each goes into Evidence as soon as it is added, and is linked to this incident when you save it.',
            })}
            back={existing ? { name: 'incident', id: existing.id } : { name: 'evidence' }}
            navigate={props.navigate}
            openable={false}
            onAdded={(evidenceId) =>
              setDraft((d) =>
                d.evidence.includes(evidenceId)
                  ? d
                  : { ...d, evidence: [...d.evidence, evidenceId] },
              )
            }
          />
          <fieldset>
            <legend>Witnesses</legend>
            {draft.witnesses.map((w, i) => (
              <div key={`w${i.toString()}`} className="inline-fields">
                <TextField
                  label={`Witness ${i + 1} name`}
                  value={w.name}
                  error={errors[`witness${i}name`]}
                  limit={MAX_SHORT_TEXT}
                  onChange={(name) =>
                    set('witnesses')(draft.witnesses.map((x, j) => (j === i ? { ...x, name } : x)))
                  }
                />
                {people.length > 0 ? (
                  <Select
                    label={`Witness ${i + 1} from your people`}
                    value={w.personId ?? ''}
                    onChange={(personId) =>
                      set('witnesses')(
                        draft.witnesses.map((x, j) =>
                          j === i
                            ? {
                                ...x,
                                personId: personId || undefined,
                                name:
                                  x.name || (people.find((p) => p.id === personId)?.label ?? ''),
                              }
                            : x,
                        ),
                      )
                    }
                    options={people}
                    empty="Not in my list"
                  />
                ) : null}
                <TextField
                  label={`Witness ${i + 1} contact details`}
                  hint="A phone number, email or address."
                  value={w.contact}
                  error={errors[`witness${i}contact`]}
                  limit={MAX_SHORT_TEXT}
                  onChange={(contact) =>
                    set('witnesses')(
                      draft.witnesses.map((x, j) => (j === i ? { ...x, contact } : x)),
                    )
                  }
                />
              </div>
            ))}
            <div className="button-row">
              <button
                type="button"
                className="button secondary"
                onClick={() => set('witnesses')([...draft.witnesses, { name: '', contact: '' }])}
              >
                Add a witness
              </button>
              {draft.witnesses.length > 0 ? (
                <button
                  type="button"
                  className="button quiet"
                  onClick={() => set('witnesses')(draft.witnesses.slice(0, -1))}
                >
                  Remove the last witness
                </button>
              ) : null}
            </div>
          </fieldset>

          <h2>Police</h2>
          <fieldset>
            <legend>Police contact</legend>
            <Radios
              label="Did you contact the police?"
              value={draft.policeContacted}
              onChange={set('policeContacted')}
              options={POLICE_CONTACTED}
            />
            <Select
              label="How you contacted them"
              value={draft.policeMethod}
              onChange={set('policeMethod')}
              options={POLICE_METHODS}
              empty="Not chosen"
            />
            <TextArea
              label="What the police did"
              value={draft.policeWhatTheyDid}
              onChange={set('policeWhatTheyDid')}
              error={errors.policeWhatTheyDid}
              limit={limitOf('policeWhatTheyDid')}
              rows={3}
            />
            <div className="inline-fields">
              <TextField
                label="Police reference number"
                value={draft.policeReference}
                onChange={set('policeReference')}
                error={errors.policeReference}
                limit={limitOf('policeReference')}
              />
              <TextField
                label="Officer's name or number"
                value={draft.policeOfficer}
                onChange={set('policeOfficer')}
                error={errors.policeOfficer}
                limit={limitOf('policeOfficer')}
              />
            </div>
          </fieldset>

          <h2>Impact</h2>
          <TextArea
            label="Impact of this incident on you"
            value={draft.impact}
            onChange={set('impact')}
            error={errors.impact}
            limit={limitOf('impact')}
            rows={3}
          />
          <TextArea
            label="Changes you made because of it"
            hint="For example: changed your route to work, stayed with a friend."
            value={draft.changesMade}
            onChange={set('changesMade')}
            error={errors.changesMade}
            limit={limitOf('changesMade')}
            rows={3}
          />
          <TextArea
            label="Impact on children or others"
            value={draft.impactOnOthers}
            onChange={set('impactOnOthers')}
            error={errors.impactOnOthers}
            limit={limitOf('impactOnOthers')}
            rows={3}
          />
        </div>

        <div className="button-row">
          <button type="submit" className="button" disabled={saving}>
            Save incident
          </button>
          {saving ? (
            <span className="working" role="status">
              Saving…
            </span>
          ) : null}
          <span className="hint" role="status">
            {held && goingIn > 0
              ? `${goingIn === 1 ? 'One file is' : `${goingIn} files are`} still going in. You can save when ${goingIn === 1 ? 'it is' : 'they are'} in.`
              : held
                ? 'The files are in. You can save now.'
                : ''}
          </span>
          <button
            type="button"
            className="button quiet"
            onClick={() =>
              props.navigate(
                existing ? { name: 'incident', id: existing.id } : { name: 'timeline' },
              )
            }
          >
            Cancel
          </button>
        </div>
      </form>
    </>
  );
}

/** Whether a kept draft has anything beyond the quick-add fields, so they open at once. */
function hasDetails(values: Readonly<Record<string, unknown>> | undefined): boolean {
  if (!values) return false;
  return Object.entries(values).some(
    ([key, value]) =>
      ![
        'id',
        'zone',
        'whatHappened',
        'start',
        'locationText',
        'addedPeople',
        'approximate',
      ].includes(key) &&
      (Array.isArray(value) ? value.length > 0 : typeof value === 'string' && value !== ''),
  );
}
