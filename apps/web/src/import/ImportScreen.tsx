import type { EvidenceItem, Incident } from '@casebook/core';
import { parseInitials } from '@casebook/importers';
import { type ChangeEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Checkboxes, Select, TextField } from '../components/Fields';
import { PageHeading } from '../components/PageHeading';
import type { RecordView } from '../data/record-types';
import { personName } from '../diary/labels';
import type { Navigate } from '../diary/routes';
import { useDiary } from '../diary/use-diary-data';
import { useLeaveGuards } from '../drafts/leave-guard';
import { useIntake } from '../evidence/use-intake';
import { ChosenFiles } from './ChosenFiles';
import { ImportProgress } from './ImportProgress';
import { ImportResult } from './ImportResult';
import { ProposedIncidents } from './ProposedIncidents';
import { useImport } from './use-import';
import { zoneOptions } from './zones';

const ACCEPT = '.txt,.zip,.xml,.eml,.mbox,.json,text/plain,application/zip,text/xml,message/rfc822';

/**
 * Import: exported chats, texts, call logs and email, brought in whole. Choose the files, see
 * what each holds, say who the person responsible is, tick the incidents to make, import.
 * Everything is read and written in the vault worker (import-ops); this screen asks and shows.
 */
export function ImportScreen(props: { navigate: Navigate }) {
  const data = useDiary();
  const intake = useIntake();
  const state = useImport();
  const inputId = useId();
  const [personId, setPersonId] = useState('');
  const [initialsText, setInitialsText] = useState('');
  const [initialsError, setInitialsError] = useState<string | undefined>();
  const zones = useMemo(zoneOptions, []);
  const importing = state.running !== undefined;
  const read = state.files.filter((f) => f.status === 'read');
  const anyReading = state.files.some((f) => f.status === 'reading');
  const people = useMemo(() => {
    const names = new Map<string, number>();
    for (const f of read)
      for (const p of f.found.people) names.set(p.name, (names.get(p.name) ?? 0) + p.messages);
    return [...names].sort((a, b) => b[1] - a[1]);
  }, [read]);
  const records = data.lists.person.flatMap((p) => (p.state === 'live' ? [p] : []));

  // Leaving with files chosen and nothing imported yet asks first (nothing can be kept).
  const guards = useLeaveGuards();
  const dirty = useRef(false);
  dirty.current = state.files.length > 0 || importing;
  const { forgetAll } = state;
  useEffect(
    () =>
      guards.register({
        noun: 'import',
        draftless: true,
        dirty: () => dirty.current,
        keep: async () => undefined,
        discard: async () => forgetAll(),
      }),
    [guards, forgetAll],
  );
  // Files read but left behind (another screen, a lock) are let go of in the worker.
  useEffect(() => () => forgetAll(), [forgetAll]);

  // The import's result: records the worker wrote join the lists on screen.
  const { outcome } = state;
  const { receive } = data;
  useEffect(() => {
    if (!outcome?.ok) return;
    // The worker checked each against the core schema before it wrote it.
    for (const e of outcome.evidence) receive('evidence', e as RecordView<EvidenceItem>);
    for (const i of outcome.incidents) receive('incident', i as RecordView<Incident>);
  }, [outcome, receive]);
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Focus goes to what happened (heading, cancel notice or problem), so a screen reader or
    // keyboard user carries on from there.
    if (outcome) resultRef.current?.querySelector<HTMLElement>('h2, .alert, .notice')?.focus();
  }, [outcome]);

  const take = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    if (files.length > 0) void state.add(files);
  };

  const start = () => {
    let initials = intake.initials ?? '';
    if (intake.initials === undefined) {
      const parsed = parseInitials(initialsText);
      if (!parsed.ok) {
        setInitialsError(`${parsed.reason} Nothing has been imported yet.`);
        return;
      }
      initials = parsed.initials;
    }
    setInitialsError(undefined);
    void state.run({ initials, ...(personId && { personId }) });
  };

  return (
    <>
      <PageHeading>Import messages</PageHeading>
      <p>
        Bring in the chats, texts, call logs and emails you exported from your phone or computer.
        Each file is kept exactly as it is, encrypted, as an exhibit, and every message in it is
        kept with its time, so none has to be typed in again.
      </p>
      <div className="import-step">
        <Select
          label="The time zone the phone was set to"
          hint="Some exports write only the clock time. Casebook reads those times in this zone."
          value={state.zone}
          onChange={state.setZone}
          options={zones}
          // The import under way reads its files in the zone chosen when it began.
          disabled={importing}
        />
        <div className="field file-field">
          <label htmlFor={inputId}>Choose exported chats or messages</label>
          <span className="hint" id={`${inputId}-hint`}>
            WhatsApp (the .txt or .zip from Export chat), SMS Backup &amp; Restore (.xml), email
            (.eml or .mbox), Telegram (result.json), Facebook or Instagram (message_1.json). You can
            choose several at once.
          </span>
          <input
            id={inputId}
            type="file"
            autoComplete="off"
            multiple
            accept={ACCEPT}
            aria-describedby={`${inputId}-hint`}
            disabled={importing}
            onChange={take}
          />
        </div>
      </div>
      <ChosenFiles
        files={state.files}
        disabled={importing}
        onDateOrder={state.chooseDateOrder}
        onRemove={state.remove}
      />
      {read.length > 0 ? (
        <section className="import-step" aria-labelledby="who-title">
          <h2 id="who-title">Who is who</h2>
          <Checkboxes
            label="Who in the chat is the person responsible?"
            hint="Tick the name they have in the export (tick more than one if they used several). Leave it empty to keep the messages without suggesting incidents."
            values={state.from}
            onChange={state.setFrom}
            options={people.map(([name, n]) => ({
              id: name,
              label: `${name} (${n.toLocaleString('en-GB')} ${n === 1 ? 'message' : 'messages'})`,
            }))}
          />
          {records.length > 0 && state.from.length > 0 ? (
            <Select
              label="Link them to someone in your People"
              value={personId}
              onChange={setPersonId}
              empty="Do not link"
              options={records.map((p) => ({
                id: p.id,
                label: personName(p.body),
              }))}
            />
          ) : null}
        </section>
      ) : null}
      {read.length > 0 && state.from.length > 0 ? (
        <ProposedIncidents
          proposals={state.proposals}
          undated={state.undated}
          disabled={importing}
          onConfirm={state.confirm}
          onConfirmAll={state.confirmAll}
          onMerge={state.merge}
          onSplit={state.split}
          onDrop={state.drop}
        />
      ) : null}
      {read.length > 0 ? (
        <div className="import-step">
          {intake.initials === undefined ? (
            <TextField
              label="Your initials for exhibit references"
              hint="Each export gets a reference made of initials and a number, like AB/1. Use your own initials, or the ones the police ask you to use."
              value={initialsText}
              onChange={setInitialsText}
              error={initialsError}
              autoComplete="off"
            />
          ) : null}
          <div className="button-row">
            <button
              type="button"
              className="button"
              disabled={importing || anyReading}
              onClick={start}
            >
              Import messages
            </button>
          </div>
        </div>
      ) : null}
      {state.running ? <ImportProgress running={state.running} onCancel={state.cancel} /> : null}
      <div ref={resultRef}>
        {state.outcome ? <ImportResult outcome={state.outcome} navigate={props.navigate} /> : null}
      </div>
    </>
  );
}
