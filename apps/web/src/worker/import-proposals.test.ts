import type { ImportedMessage } from '@casebook/core';
import { describe, expect, it } from 'vitest';
import { proposeBursts, proposeGroups } from './import-proposals';

function message(at: string, sender: string, text: string): ImportedMessage {
  return {
    schema: 1,
    key: `test:${at}|${sender}`,
    channel: 'whatsapp',
    time: { known: 'epoch', instant: at },
    sender,
    text,
    attachments: [],
    flags: {},
    source: { index: 0 },
  };
}

// Two bursts from Sam (23:10–23:40, then 09:00–09:05 next morning), with the person's replies.
const messages = [
  message('2026-03-12T23:10:00Z', 'Sam', 'Answer me'),
  message('2026-03-12T23:12:00Z', 'Alex', 'Please stop'),
  message('2026-03-12T23:40:00Z', 'Sam', 'I saw you at the station'),
  message('2026-03-13T09:00:00Z', 'Sam', 'Morning'),
  message('2026-03-13T09:05:00Z', 'Sam', 'Why are you ignoring me'),
];

describe('import proposals', () => {
  it('proposes one incident a burst, from the person responsible only, with keys in time order', () => {
    const { incidents } = proposeBursts(messages, [], ['Sam'], 'Europe/London');
    expect(incidents.map((p) => p.summary)).toEqual([
      '2 messages between 23:10 and 23:40 (12 March 2026)',
      '2 messages between 09:00 and 09:05 (13 March 2026)',
    ]);
    expect(incidents[0]?.keys).toEqual([messages[0]?.key, messages[2]?.key]);
    expect(incidents[0]?.behaviours).toContain('letting-you-know-they-are-watching');
    expect(incidents[0]?.splitAt).toBe(1);
  });

  it('a merge is read again as one burst; a split at its longest pause gives the two back', () => {
    const { incidents } = proposeBursts(messages, [], ['Sam'], 'Europe/London');
    const merged = proposeGroups(messages, [], ['Sam'], 'Europe/London', [
      incidents.flatMap((p) => p.keys),
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.summary).toBe('4 messages between 23:10 and 09:05 (12–13 March 2026)');
    const one = merged[0];
    if (one?.splitAt === undefined) throw new Error('no split point');
    const split = proposeGroups(messages, [], ['Sam'], 'Europe/London', [
      one.keys.slice(0, one.splitAt),
      one.keys.slice(one.splitAt),
    ]);
    expect(split.map((p) => p.summary)).toEqual(incidents.map((p) => p.summary));
  });

  it('proposes nothing without a person responsible, and drops keys no longer there', () => {
    expect(proposeBursts(messages, [], [], 'Europe/London').incidents).toEqual([]);
    expect(proposeGroups(messages, [], ['Sam'], 'Europe/London', [['test:gone']])).toEqual([]);
  });
});
