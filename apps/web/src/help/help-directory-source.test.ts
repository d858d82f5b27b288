import { defaultHelpDirectory, type HelpDirectory } from '@casebook/core';
import { describe, expect, it } from 'vitest';
import { HELP_DIRECTORY_URL, loadHelpDirectory, orderedEntries } from './help-directory-source';

function respond(status: number, body: string, type = 'application/json') {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchFn = async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return {
      ok: status >= 200 && status < 300,
      status,
      headers: new Headers({ 'content-type': type }),
      text: async () => body,
    };
  };
  return { fetchFn, calls };
}

const local: HelpDirectory = {
  ...defaultHelpDirectory(),
  region: 'Derbyshire',
  entries: [
    ...defaultHelpDirectory().entries.filter((e) => e.kind !== 'emergency'),
    {
      id: 'derbyshire-victim-services',
      kind: 'local',
      organisation: 'Derbyshire Victim Services',
      whatTheyDo: 'Free, confidential support whether or not you have reported to the police.',
      phones: [{ dial: '+448000000000', display: '0800 000 0000' }],
      anonymous: false,
      crisis: false,
      region: 'Derbyshire',
      language: 'en-GB',
    },
    ...defaultHelpDirectory().entries.filter((e) => e.kind === 'emergency'),
  ],
};

describe('loadHelpDirectory', () => {
  it('asks only its own origin for the deployed file', async () => {
    const { fetchFn, calls } = respond(404, 'Not found', 'text/plain');
    await loadHelpDirectory(fetchFn);
    expect(calls).toEqual([
      {
        url: '/help-directory.json',
        init: { credentials: 'same-origin', cache: 'no-cache', redirect: 'error' },
      },
    ]);
    expect(HELP_DIRECTORY_URL.startsWith('/')).toBe(true);
  });

  it('uses the built-in UK list when there is no file, or the host answers with a page', async () => {
    for (const r of [respond(404, ''), respond(200, '<!doctype html>', 'text/html')]) {
      const state = await loadHelpDirectory(r.fetchFn);
      expect(state).toMatchObject({ status: 'ready', source: 'built-in' });
    }
    const offline = await loadHelpDirectory(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(offline).toMatchObject({ status: 'ready', source: 'built-in' });
  });

  it('uses a valid deployed file', async () => {
    const state = await loadHelpDirectory(respond(200, JSON.stringify(local)).fetchFn);
    if (state.status !== 'ready') throw new Error(JSON.stringify(state));
    expect(state.source).toBe('deployed');
    expect(state.directory.region).toBe('Derbyshire');
  });

  it('reports a broken file, naming the entry, and keeps the national numbers', async () => {
    const broken = structuredClone(local);
    const entry = broken.entries.at(-2);
    if (!entry?.phones[0]) throw new Error('fixture');
    entry.phones[0].dial = '0800 000 0000';
    const state = await loadHelpDirectory(respond(200, JSON.stringify(broken)).fetchFn);
    if (state.status !== 'invalid') throw new Error('expected invalid');
    expect(state.reason).toContain('(Derbyshire Victim Services)');
    expect(state.reason).toContain('dial');
    expect(state.fallback?.entries[0]?.phones[0]?.dial).toBe('999');

    const notJson = await loadHelpDirectory(respond(200, '{ nope').fetchFn);
    expect(notJson).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/JSON/) });
    const serverError = await loadHelpDirectory(respond(500, 'oops', 'text/plain').fetchFn);
    expect(serverError).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/500/) });
  });
});

describe('orderedEntries', () => {
  it('puts emergency entries first and keeps the rest in the file’s order', () => {
    const ids = orderedEntries(local).map((e) => e.id);
    expect(ids[0]).toBe('emergency-999');
    expect(ids.slice(1)).toEqual(local.entries.slice(0, -1).map((e) => e.id));
  });
});
