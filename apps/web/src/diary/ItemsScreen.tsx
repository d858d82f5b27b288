import { ItemIdSchema, instantOf, newId, type PhysicalItem } from '@casebook/core';
import { type FormEvent, useMemo, useState } from 'react';
import { Alert, Checkbox, TextArea, TextField } from '../components/Fields';
import { PageHeading } from '../components/PageHeading';
import { ShowMoreButton, useShowMore } from '../components/ShowMore';
import { notSavedText } from '../data/save-problem';
import { useDrafts } from '../drafts/use-drafts';
import { useFormDraft } from '../drafts/use-form-draft';
import { LinkedEvidence } from '../evidence/LinkedEvidence';
import { compact } from './compact';
import { DamagedRecordsNotice } from './DamagedRecordsNotice';
import { Details } from './Details';
import { fromInputValue, nowInputValue, optional, toInputValue } from './format';
import { describeItem } from './labels';
import { newestFirst } from './newest-first';
import { browserRandom, browserZone } from './ports';
import { RecordActions, TombstoneCard } from './RecordCardParts';
import type { Navigate } from './routes';
import { useDiary } from './use-diary-data';

/** Letters, parcels, gifts and notes kept as evidence ("do not throw them away"). */
export function ItemsScreen(props: { navigate: Navigate }) {
  const diary = useDiary();
  const drafts = useDrafts();
  // A kept draft of an edit carries on as that edit.
  const [editing, setEditing] = useState<PhysicalItem | undefined>(() => {
    const target = drafts.kept.find((d) => d.body.form === 'item' && d.body.target)?.body.target;
    const record = diary.lists.item.find((r) => r.id === target);
    return record?.state === 'live' ? record.body : undefined;
  });
  const [deleting, setDeleting] = useState<string | undefined>();
  const [formKey, setFormKey] = useState(0);
  const [flash, setFlash] = useState<string | undefined>();
  const [shown, showMore] = useShowMore();

  const items = useMemo(
    () => newestFirst(diary.lists.item, (body) => instantOf(body.receivedAt).getTime()),
    [diary.lists.item],
  );

  return (
    <>
      <PageHeading>Items</PageHeading>
      <DamagedRecordsNotice kinds={['item']} />
      {diary.loaded.has('item') ? null : <p role="status">Opening your items…</p>}
      <p>
        Keep letters, parcels and gifts, even upsetting ones, and handle them as little as possible.
        Note each one here.
      </p>
      {flash ? (
        <p className="success" role="status">
          {flash}
        </p>
      ) : null}
      <ItemForm
        key={editing ? `edit-${editing.id}` : `new-${formKey}`}
        initial={editing}
        onSaved={(message) => {
          setEditing(undefined);
          setFormKey((k) => k + 1);
          setFlash(message);
        }}
        onCancel={editing ? () => setEditing(undefined) : undefined}
      />
      <h2>Items kept</h2>
      {items.length === 0 ? <p>No items noted yet.</p> : null}
      <ul className="card-list" aria-label="Items kept">
        {items.slice(0, shown).map((r) =>
          r.state === 'live' ? (
            <li key={r.id} className="card">
              <Details lines={describeItem(r.body)} />
              <h3>Photos of this item</h3>
              <LinkedEvidence
                ids={r.body.evidence}
                attachLabel={`Add photos of this item (${shortWhat(r.body.what)})`}
                hint="Photograph it where it is, before you move it, and again when you store it."
                accept="image/*"
                origin={`item-${r.id}`}
                items={[r.id]}
                back={{ name: 'items' }}
                navigate={props.navigate}
              />
              <RecordActions
                noun="item"
                deleting={deleting === r.id}
                onEdit={() => setEditing(r.body)}
                onHistory={() => props.navigate({ name: 'history', kind: 'item', id: r.id })}
                onStartDelete={() => setDeleting(r.id)}
                onCancelDelete={() => setDeleting(undefined)}
                onDelete={async (reason) => {
                  await diary.remove('item', r.id, reason);
                  setDeleting(undefined);
                }}
              />
            </li>
          ) : (
            <TombstoneCard key={r.id} noun="item" record={r} />
          ),
        )}
      </ul>
      <ShowMoreButton total={items.length} shown={shown} onMore={showMore} />
    </>
  );
}

function shortWhat(what: string): string {
  const text = what.replace(/\s+/g, ' ').trim();
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function ItemForm(props: {
  initial: PhysicalItem | undefined;
  onSaved(message: string): void;
  onCancel: (() => void) | undefined;
}) {
  const diary = useDiary();
  const init = props.initial;
  const kept = useFormDraft({
    form: 'item',
    target: init?.id,
    noun: 'item',
    initial: () => ({
      what: init?.what ?? '',
      received: init ? toInputValue(init.receivedAt) : nowInputValue(),
      where: init?.whereKeptNow ?? '',
      handed: init?.handedToPolice.handed ?? false,
      handedWhen: toInputValue(init?.handedToPolice.when),
      reference: init?.handedToPolice.reference ?? '',
    }),
  });
  const { what, received, where, handed, handedWhen, reference } = kept.values;
  const field =
    <K extends keyof typeof kept.values>(key: K) =>
    (value: (typeof kept.values)[K]) =>
      kept.setValues((v) => ({ ...v, [key]: value }));
  const setWhat = field('what');
  const setReceived = field('received');
  const setWhere = field('where');
  const setHanded = field('handed');
  const setHandedWhen = field('handedWhen');
  const setReference = field('reference');
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const zone = init?.receivedAt.zone ?? browserZone();
    const receivedAt = fromInputValue(received, zone);
    if (!what.trim()) {
      setError('Describe the item, for example "a card left on the doorstep".');
      return;
    }
    if (!receivedAt) {
      setError('Enter when you received it.');
      return;
    }
    const handedAt = handed && handedWhen ? fromInputValue(handedWhen, zone) : undefined;
    const item = compact<PhysicalItem>({
      schema: 1,
      id: (init?.id ?? newId(ItemIdSchema, browserRandom)) as PhysicalItem['id'],
      what: what.trim(),
      receivedAt,
      whereKeptNow: optional(where),
      handedToPolice: compact<PhysicalItem['handedToPolice']>({
        handed,
        when: handedAt,
        reference: handed ? optional(reference) : undefined,
      }),
      evidence: init?.evidence ?? [],
      incidents: init?.incidents ?? [],
    });
    setSaving(true);
    try {
      await diary.save('item', item.id, item);
      void kept.saved();
      props.onSaved(init ? 'Item updated.' : 'Item saved.');
    } catch (e) {
      setError(notSavedText('item', e));
      setSaving(false);
    }
  };

  return (
    <form className="card" autoComplete="off" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{init ? 'Edit item' : 'Note an item'}</h2>
      {error ? <Alert>{error}</Alert> : null}
      <TextArea label="What it is" value={what} onChange={setWhat} rows={2} />
      <div className="inline-fields">
        <TextField
          label="When received"
          type="datetime-local"
          value={received}
          onChange={setReceived}
        />
        <TextField label="Where it is kept now" value={where} onChange={setWhere} />
      </div>
      <Checkbox label="Handed to the police" checked={handed} onChange={setHanded} />
      {handed ? (
        <div className="inline-fields">
          <TextField
            label="When handed to the police"
            type="datetime-local"
            value={handedWhen}
            onChange={setHandedWhen}
          />
          <TextField label="Police reference" value={reference} onChange={setReference} />
        </div>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button" disabled={saving}>
          Save item
        </button>
        {props.onCancel ? (
          <button
            type="button"
            className="button quiet"
            onClick={() => {
              const cancel = props.onCancel;
              if (cancel) kept.leave(cancel);
            }}
          >
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
