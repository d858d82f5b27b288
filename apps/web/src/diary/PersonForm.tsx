import {
  newId,
  PERSON_ROLES,
  type Person,
  PersonIdSchema,
  RELATIONSHIPS,
  type Vehicle,
} from '@casebook/core';
import { type FormEvent, useState } from 'react';
import { Alert, Radios, Select, TextArea, TextField } from '../components/Fields';
import { PageHeading } from '../components/PageHeading';
import { notSavedText } from '../data/save-problem';
import { useFormDraft } from '../drafts/use-form-draft';
import { compact, compactOrNone } from './compact';
import { lines, optional } from './format';
import { isEmptyPerson } from './person-model';
import { browserRandom } from './ports';
import type { Navigate } from './routes';
import { useDiary } from './use-diary-data';

interface VehicleDraft {
  make: string;
  model: string;
  colour: string;
  plate: string;
}

const NO_VEHICLE: VehicleDraft = { make: '', model: '', colour: '', plate: '' };

/** Add or edit a person: the one responsible, a witness, or a trusted contact. */
export function PersonForm(props: { id?: string; navigate: Navigate }) {
  const diary = useDiary();
  const existing = props.id ? diary.peopleById.get(props.id) : undefined;
  const kept = useFormDraft({
    form: 'person',
    target: props.id,
    noun: 'person',
    initial: () => ({
      role: existing?.role ?? 'offender',
      relationship: existing?.relationship ?? 'unknown',
      names: existing?.names.join('\n') ?? '',
      phones: existing?.phones.join('\n') ?? '',
      emails: existing?.emails.join('\n') ?? '',
      handles: existing?.handles.map((h) => `${h.platform}: ${h.handle}`).join('\n') ?? '',
      vehicles:
        existing?.vehicles.map(
          (v): VehicleDraft => ({
            make: v.make ?? '',
            model: v.model ?? '',
            colour: v.colour ?? '',
            plate: v.plate ?? '',
          }),
        ) ?? [],
      description: existing?.description ?? '',
      notes: existing?.notes ?? '',
    }),
  });
  const { role, relationship, names, phones, emails, handles, vehicles, description, notes } =
    kept.values;
  const field =
    <K extends keyof typeof kept.values>(key: K) =>
    (value: (typeof kept.values)[K]) =>
      kept.setValues((v) => ({ ...v, [key]: value }));
  const setRole = field('role') as (value: string) => void;
  const setRelationship = field('relationship') as (value: string) => void;
  const setNames = field('names');
  const setPhones = field('phones');
  const setEmails = field('emails');
  const setHandles = field('handles');
  const setVehicles = field('vehicles');
  const setDescription = field('description');
  const setNotes = field('notes');
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const handleList = lines(handles).map((line) => {
      const at = line.indexOf(':');
      return at > 0
        ? { platform: line.slice(0, at).trim(), handle: line.slice(at + 1).trim() }
        : { platform: 'Other', handle: line };
    });
    const person = compact<Person>({
      schema: 1,
      id: (props.id ?? newId(PersonIdSchema, browserRandom)) as Person['id'],
      role: role as Person['role'],
      relationship: relationship as Person['relationship'],
      names: lines(names),
      phones: lines(phones),
      emails: lines(emails),
      handles: handleList,
      vehicles: vehicles
        .map((v) =>
          compactOrNone<Vehicle>({
            make: optional(v.make),
            model: optional(v.model),
            colour: optional(v.colour),
            plate: optional(v.plate),
          }),
        )
        .filter((v): v is Vehicle => v !== undefined),
      description: optional(description),
      notes: optional(notes),
      photo: existing?.photo,
    });
    if (!existing && isEmptyPerson(person)) {
      setError(
        'Nothing has been written about this person yet. Add a name, a number, a description or anything else you know, then save. Or press Cancel.',
      );
      return;
    }
    setSaving(true);
    try {
      await diary.save('person', person.id, person);
      void kept.saved();
      props.navigate({ name: 'people' });
    } catch (e) {
      setError(notSavedText('person', e));
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeading>{existing ? 'Edit person' : 'Add a person'}</PageHeading>
      <form autoComplete="off" onSubmit={(e) => void submit(e)} noValidate>
        {error ? <Alert>{error}</Alert> : null}
        <Radios label="Who is this?" value={role} onChange={setRole} options={PERSON_ROLES} />
        <Select
          label="How you know them"
          value={relationship}
          onChange={setRelationship}
          options={RELATIONSHIPS}
        />
        <TextArea
          label="Names"
          hint="One per line: names, nicknames, usernames they use. Leave empty if you do not know."
          value={names}
          onChange={setNames}
          rows={2}
        />
        <TextArea
          label="Phone numbers"
          hint="One per line."
          value={phones}
          onChange={setPhones}
          rows={2}
        />
        <TextArea
          label="Email addresses"
          hint="One per line."
          value={emails}
          onChange={setEmails}
          rows={2}
        />
        <TextArea
          label="Social media accounts"
          hint="One per line, like: Instagram: @name"
          value={handles}
          onChange={setHandles}
          rows={2}
        />
        <fieldset>
          <legend>Vehicles</legend>
          {vehicles.map((v, i) => {
            const update = (patch: Partial<VehicleDraft>) =>
              setVehicles(vehicles.map((x, j) => (j === i ? { ...x, ...patch } : x)));
            return (
              <div key={`v${i.toString()}`} className="inline-fields">
                <TextField
                  label={`Vehicle ${i + 1} make`}
                  value={v.make}
                  onChange={(make) => update({ make })}
                />
                <TextField
                  label={`Vehicle ${i + 1} model`}
                  value={v.model}
                  onChange={(model) => update({ model })}
                />
                <TextField
                  label={`Vehicle ${i + 1} colour`}
                  value={v.colour}
                  onChange={(colour) => update({ colour })}
                />
                <TextField
                  label={`Vehicle ${i + 1} number plate`}
                  value={v.plate}
                  onChange={(plate) => update({ plate })}
                />
              </div>
            );
          })}
          <div className="button-row">
            <button
              type="button"
              className="button secondary"
              onClick={() => setVehicles([...vehicles, NO_VEHICLE])}
            >
              Add a vehicle
            </button>
            {vehicles.length > 0 ? (
              <button
                type="button"
                className="button quiet"
                onClick={() => setVehicles(vehicles.slice(0, -1))}
              >
                Remove the last vehicle
              </button>
            ) : null}
          </div>
        </fieldset>
        <TextArea
          label="Description"
          hint="What they look like, how they speak, anything that helps recognise them."
          value={description}
          onChange={setDescription}
        />
        <TextArea label="Notes" value={notes} onChange={setNotes} />
        <div className="button-row">
          <button type="submit" className="button" disabled={saving}>
            Save person
          </button>
          <button
            type="button"
            className="button quiet"
            onClick={() => props.navigate({ name: 'people' })}
          >
            Cancel
          </button>
        </div>
      </form>
    </>
  );
}
