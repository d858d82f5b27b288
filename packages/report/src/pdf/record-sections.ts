import { join, joinWith, type Pieces } from '../field-text';
import { callSentences } from '../snapshot-not-listed';
import { isRedacted, type TextValue } from '../text-value';
import { cell, heading, type Node, none, numberList, type SectionContext, table } from './layout';

export function people(ctx: SectionContext): Node[] {
  const out: Node[] = [heading('People and vehicles', 'before', 'portrait')];
  const list = ctx.snapshot.people;
  if (list.length === 0) return [...out, none('people')];
  const rows = list.map((p) => {
    const details: Pieces[] = [];
    const line = (label: string, values: readonly TextValue[]) => {
      if (values.length > 0) details.push(join(`${label}: `, ...joinWith(', ', values)));
    };
    line('Phone', p.phones);
    line('Email', p.emails);
    line('Online', p.handles);
    line('Vehicles', p.vehicles);
    if (p.description !== undefined) details.push(join('Description: ', p.description));
    if (p.notes !== undefined) details.push(join('Notes: ', p.notes));
    if (p.photo !== undefined) details.push([`Photo: exhibit ${p.photo}`]);
    return [
      {
        stack: [
          p.names.length === 0
            ? { text: 'Name not known', italics: true }
            : cell(ctx, joinWith(', ', p.names)),
          { text: `${p.role.label}; ${p.relationship.label}`, fontSize: 7, color: '#444444' },
        ],
        style: 'cell',
      },
      { stack: details.map((d) => cell(ctx, d)), style: 'cell' },
      { text: numberList(p.incidents), style: 'cell', fontSize: 7 },
    ];
  });
  out.push(table([130, '*', 110], ['Name and role', 'Details', 'Incidents naming them'], rows));
  return out;
}

export function callsAndItems(ctx: SectionContext): Node[] {
  const s = ctx.snapshot;
  const out: Node[] = [heading('Calls and items', 'before'), { text: 'Calls', style: 'h2' }];
  for (const text of s.notListed === undefined ? [] : callSentences(s.notListed))
    out.push({ text, style: 'lead', fontSize: 8.5, bold: true });
  if (s.calls.length === 0) out.push(none('calls'));
  else {
    out.push(
      table(
        [110, 80, 70, '*'],
        ['When', 'Number', 'Answered', 'What was said'],
        s.calls.map((c) => [
          {
            stack: [c.time.text, { text: c.recorded.text, fontSize: 6.5, color: '#444444' }],
            style: 'cell',
          },
          c.withheld ? { text: 'Withheld', style: 'cell' } : cell(ctx, c.number),
          {
            // Imported calls say how the call ended and which export they came from.
            text: `${c.outcome ?? (c.answered ? 'Answered' : 'Not answered')}${c.duration === undefined ? '' : `, ${c.duration}`}${c.exhibit === undefined ? '' : `\nFrom exhibit ${c.exhibit}`}`,
            style: 'cell',
          },
          cell(
            ctx,
            c.person === undefined
              ? join(c.whatWasSaid)
              : join(c.whatWasSaid, c.whatWasSaid === undefined ? '' : ' ', '(', c.person, ')'),
          ),
        ]),
      ),
    );
  }
  out.push({ text: 'Letters, parcels, gifts and other items', style: 'h2' });
  if (s.items.length === 0) out.push(none('items'));
  else {
    out.push(
      table(
        [100, '*', 110, 110],
        ['Received', 'What', 'Where it is kept now', 'Handed to police'],
        s.items.map((it) => {
          const h = it.handedToPolice;
          const handed: Pieces = h.handed
            ? join(
                'Yes',
                h.when === undefined ? '' : `, ${h.when.text}`,
                ...(h.reference === undefined ? [] : join(', reference ', h.reference)),
              )
            : ['Not yet'];
          const links = [
            it.exhibits.length > 0 ? `Exhibits: ${it.exhibits.join(', ')}` : '',
            it.incidents.length > 0 ? `Incidents: ${it.incidents.join(', ')}` : '',
          ].filter((x) => x !== '');
          return [
            {
              stack: [
                it.receivedAt.text,
                { text: it.recorded.text, fontSize: 6.5, color: '#444444' },
              ],
              style: 'cell',
            },
            {
              stack: [cell(ctx, it.what), ...links.map((l) => ({ text: l, fontSize: 7 }))],
              style: 'cell',
            },
            cell(ctx, it.whereKeptNow),
            cell(ctx, handed),
          ];
        }),
      ),
    );
  }
  return out;
}

const PER_TABLE = 4;

export function risk(ctx: SectionContext): Node[] {
  const list = ctx.snapshot.riskAssessments;
  const out: Node[] = [
    heading('Risk checklist answers', 'before'),
    {
      text: 'The twelve questions of the "Are you at risk?" checklist, in Casebook\'s words, as answered on each date. Any "yes" is a reason to talk to the police or the National Stalking Helpline.',
      style: 'lead',
    },
  ];
  if (list.length === 0) return [...out, none('risk checklists')];
  for (let i = 0; i < list.length; i += PER_TABLE) {
    const group = list.slice(i, i + PER_TABLE);
    const first = group[0];
    if (first === undefined) continue;
    const rows = first.answers.map((a, q) => [
      { text: a.question, style: 'cell' },
      ...group.map((g) => {
        const ans = g.answers[q];
        if (ans === undefined) return '';
        return {
          stack: [
            { text: ans.answer.label, bold: ans.answer.id === 'yes' },
            ...(ans.note === undefined ? [] : [cell(ctx, ans.note)]),
          ],
          style: 'cell',
        };
      }),
    ]);
    out.push(
      table(
        ['*', ...group.map(() => 80)],
        ['Question', ...group.map((g) => g.assessedAt.text)],
        rows,
      ),
    );
  }
  return out;
}

export function safety(ctx: SectionContext): Node[] {
  const plan = ctx.snapshot.safety;
  const out: Node[] = [
    { text: 'Safety actions taken', style: 'h1', tocItem: true, margin: [0, 16, 0, 10] },
  ];
  if (plan === undefined) return [...out, none('safety plan')];
  if (isRedacted(plan)) {
    out.push({ text: [ctx.w.bar(plan.reason)], style: 'lead' });
    out.push({
      text: 'The safety plan is left out of this copy so that it cannot reach the person responsible.',
      style: 'note',
    });
    return out;
  }
  out.push({ text: `Safety plan as updated on ${plan.updatedAt.text}.`, style: 'lead' });
  if (plan.actionsTaken.length === 0)
    out.push({ text: 'No safety actions marked done.', style: 'lead' });
  else {
    out.push(
      table(
        [110, '*'],
        ['Area', 'Action taken'],
        plan.actionsTaken.map((a) => [
          { text: a.group, style: 'cell' },
          {
            stack: [a.text, ...(a.note === undefined ? [] : [cell(ctx, join('Note: ', a.note))])],
            style: 'cell',
          },
        ]),
      ),
    );
  }
  const listOf = (title: string, items: Pieces[]) => {
    if (items.length === 0) return;
    out.push({ text: title, style: 'h2' });
    out.push({ ul: items.map((i) => cell(ctx, i)), style: 'cell' });
  };
  listOf(
    'Changes to routine',
    plan.routineChanges.map((c) =>
      join(c.change, ...(c.note === undefined ? [] : join(' (', c.note, ')'))),
    ),
  );
  listOf(
    'Trusted people',
    plan.trustedPeople.map((t) =>
      join(
        t.name,
        ...(t.contact === undefined ? [] : join(', ', t.contact)),
        ...(t.note === undefined ? [] : join(' (', t.note, ')')),
      ),
    ),
  );
  listOf(
    'Safe places',
    plan.safePlaces.map((p) =>
      join(
        p.name,
        ...(p.address === undefined ? [] : join(', ', p.address)),
        ...(p.note === undefined ? [] : join(' (', p.note, ')')),
      ),
    ),
  );
  return out;
}
