import type { Person } from '@casebook/core';
import { describe, expect, it } from 'vitest';
import { conversationKey, responsibleConversations, responsibleTest } from './conversations';
import { accountJson } from './json';
import { redactSnapshot } from './redaction';
import { buildSnapshot } from './snapshot';
import { importIds, importMessages, kitWithImports, OTHER } from './test-kit-imports';

const him: Person = {
  schema: 1,
  id: 'p'.repeat(22) as Person['id'],
  role: 'offender',
  relationship: 'ex-partner',
  names: ['Ryan Aldous'],
  phones: ['07700 900481'],
  emails: ['ryan@example.com'],
  handles: [{ platform: 'Instagram', handle: '@ry_a' }],
  vehicles: [],
};

describe('which conversations involve the person responsible', () => {
  it('knows his number however it is written, his name, address and handle; nobody else', () => {
    const test = responsibleTest([him, { ...him, role: 'witness', names: ['Mum'], phones: [] }]);
    for (const yes of [
      '+447700900481',
      '07700900481',
      '0044 7700 900481',
      '+44 (0)7700 900481',
      'ryan aldous',
      'Ryan Aldous <r@x.example>',
      'RYAN@example.com',
      '@ry_a',
      '+447700900111~+447700900481',
    ])
      expect(test(yes), yes).toBe(true);
    for (const no of ['Mum', '+447700900482', '900481', 'Ryan', '', undefined, OTHER.refuge])
      expect(test(no), String(no)).toBe(false);
  });

  it('groups texts by thread across SMS and MMS, a WhatsApp export as one chat, email not by subject', () => {
    const all = importMessages();
    const keys = new Set(all.map(conversationKey));
    // His SMS thread, the refuge's, Mum's; the chat with him; the chat with the refuge.
    expect(keys.size).toBe(5);
    const [first] = all;
    if (first === undefined) throw new Error('no messages');
    const mms = { ...first, message: { ...first.message, channel: 'mms' as const } };
    expect(conversationKey(mms)).toBe(conversationKey(first));
    const email = (subject: string | undefined, key: string) => ({
      ...first,
      message: {
        ...first.message,
        channel: 'email' as const,
        key,
        ...(subject === undefined ? {} : { subject }),
      },
    });
    // A subject alone joins nothing: two emails without thread headers are two conversations.
    expect(conversationKey(email('Re: Fwd: The car', 'email:1'))).not.toBe(
      conversationKey(email('the car', 'email:2')),
    );
    expect(conversationKey(email(undefined, 'email:1'))).not.toBe(
      conversationKey(email(undefined, 'email:2')),
    );
  });

  it('a thread counts as his when any message is marked his or his person record matches it', () => {
    const all = importMessages();
    const none = responsibleConversations(all, responsibleTest([]));
    // Without his person record only the WhatsApp chat marked at import is his (control).
    expect(none.size).toBe(1);
    expect(responsibleConversations(all, responsibleTest([him])).size).toBe(2);
  });
});

describe('the account lists only the conversations and calls with the person responsible', () => {
  it('leaves the refuge and Mum out of the JSON, with the count line; keeps his thread whole', () => {
    const snap = buildSnapshot(kitWithImports());
    const json = accountJson(snap);
    for (const text of Object.values(OTHER)) expect(json).not.toContain(text);
    const parsed = JSON.parse(json);
    expect(parsed.version).toBe(2);
    expect(parsed.messages.map((m: { text: string }) => m.text)).toEqual([
      'Answer your phone',
      'Leave me alone',
      'I know where you are',
      'Stop',
      'You cannot hide',
      'Go away',
      'undated one',
    ]);
    expect(parsed.notListed).toEqual({
      conversations: 3,
      messages: 7,
      calls: 2,
      exportFiles: 1,
      undatedMessages: 0,
      undatedCalls: 0,
      text: [
        '3 other conversations (7 messages) are kept in this casebook and are not part of this account: the person responsible is not in them.',
        '1 export file holds only conversations and calls without the person responsible, so it is not in the exhibit schedule; it is kept in this casebook.',
        '2 other imported calls are kept in this casebook and are not part of this account: they were not with the person responsible.',
      ],
    });
    // His call is in the log (matched by the number on his record); the export with the
    // refuge is not in the schedule, the SMS backup holding his thread is.
    const imported = snap.calls.filter((c) => c.exhibit !== undefined);
    expect(imported.map((c) => c.number)).toEqual(['07700 900481']);
    const refs = snap.exhibits.map((e) => e.ref);
    expect(refs).toEqual(expect.arrayContaining(['AB/10', 'AB/11', 'AB/13']));
    expect(refs).not.toContain('AB/12');
    expect(snap.exhibits.map((e) => e.id)).not.toContain(importIds.chatWithRefuge);
  });

  it('a disclosure copy leaves out the same; the police copy of the same case without the rule shows them (control)', () => {
    const input = kitWithImports();
    const disclosure = redactSnapshot(buildSnapshot(input), { profile: 'disclosure' }).snapshot;
    const json = accountJson(disclosure);
    for (const text of Object.values(OTHER)) expect(json).not.toContain(text);
    expect(disclosure.notListed?.conversations).toBe(3);
    // Control: the texts are in the input, and come out once the refuge is marked his.
    const marked = {
      ...input,
      messages: (input.messages ?? []).map((m) => ({ ...m, from: 'responsible' as const })),
      importedCalls: (input.importedCalls ?? []).map((c) => ({
        ...c,
        body: { ...c.body, from: 'responsible' as const },
      })),
    };
    const all = accountJson(buildSnapshot(marked));
    for (const text of Object.values(OTHER)) expect(all).toContain(text);
    expect(JSON.parse(all).notListed.text).toEqual([]);
  });

  it('in a date range, counts his undated messages with what is left out, and only other messages in range', () => {
    const snap = buildSnapshot({
      ...kitWithImports(),
      range: { from: '2025-03-22', to: '2025-03-31' },
    });
    expect(snap.messages?.map((m) => m.text)).toEqual(['You cannot hide', 'Go away']);
    expect(snap.notListed).toMatchObject({
      conversations: 3,
      messages: 7,
      calls: 2,
      exportFiles: 0,
      undatedMessages: 1,
    });
    expect(snap.notListed?.text).toContain(
      "1 message with the person responsible has no time that could be read in the export, so it cannot be shown to fall in this report's dates; it is kept in this casebook.",
    );
    const march23 = buildSnapshot({
      ...kitWithImports(),
      range: { from: '2025-03-23', to: '2025-03-23' },
    });
    expect(march23.notListed).toMatchObject({ conversations: 1, messages: 2, calls: 0 });
  });

  it('says nothing when the case was read without imports', () => {
    const { messages: _m, importedCalls: _c, ...plain } = kitWithImports();
    expect(buildSnapshot(plain).notListed).toBeUndefined();
  });
});
