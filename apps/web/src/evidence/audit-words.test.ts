import { describe, expect, it } from 'vitest';
import type { AuditEntryView, ExhibitInfo } from '../worker/protocol';
import { describeEntry, describeProblem, indexExhibits } from './audit-words';

const SHA = 'ab'.repeat(32);
const photo: ExhibitInfo = {
  id: 'EVIDENCE-1',
  blobId: 'BLOB-1',
  ref: 'AB/3',
  originalName: 'img.jpg',
  mediaType: 'image/jpeg',
  deleted: false,
  filePresent: true,
};
const index = indexExhibits([photo]);
const entry = (over: Partial<AuditEntryView>): AuditEntryView => ({
  seq: 4,
  time: '2026-03-03T14:02:00Z',
  op: 'create',
  kind: 'incident',
  id: 'INC-1',
  rev: 1,
  sha256: SHA,
  ...over,
});

describe('describeEntry', () => {
  it('names an added file by its exhibit reference, with its SHA-256', () => {
    expect(describeEntry(entry({ op: 'add-file', kind: 'blob', id: 'BLOB-1' }), index)).toBe(
      `added photo AB/3 (img.jpg), SHA-256 ${SHA}`,
    );
  });

  it('says when an original was removed for good, and why', () => {
    const text = describeEntry(
      entry({ op: 'purge-file', kind: 'blob', id: 'BLOB-1', reason: 'Sent to the police' }),
      index,
    );
    expect(text).toBe(
      'removed the original file of AB/3 (img.jpg) for good (reason: Sent to the police)',
    );
  });

  it('words record edits and deletions with the reason', () => {
    expect(describeEntry(entry({ op: 'update' }), index, () => 'of 3 Mar')).toBe(
      'edited incident of 3 Mar',
    );
    expect(describeEntry(entry({ op: 'delete', kind: 'call', reason: 'twice' }), index)).toBe(
      'deleted call (reason: twice)',
    );
    expect(describeEntry(entry({ op: 'create', kind: 'call' }), index)).toBe('logged call');
    expect(describeEntry(entry({ op: 'delete', kind: 'evidence', id: 'EVIDENCE-1' }), index)).toBe(
      'deleted AB/3 (img.jpg)',
    );
    expect(describeEntry(entry({ op: 'open-case', kind: 'case' }), index)).toBe('casebook created');
  });

  it('words the account and device events', () => {
    const words = (over: Partial<AuditEntryView>) =>
      describeEntry(entry({ kind: 'device', id: 'DEVICE-1', ...over }), index);
    expect(words({ op: 'change-passphrase' })).toBe('passphrase changed');
    expect(words({ op: 'new-recovery-code' })).toBe(
      'new recovery code made; the old one stopped working',
    );
    expect(words({ op: 'open-device' })).toBe(
      'this device began its own signed history (casebook brought up to date)',
    );
    expect(words({ op: 'unlock-failures', detail: { count: 3, recoveryCodes: 0 } })).toBe(
      'opened after 3 attempts with a wrong passphrase',
    );
    expect(words({ op: 'unlock-failures', detail: { count: 2, recoveryCodes: 1 } })).toBe(
      'opened after 2 attempts with a wrong passphrase or recovery code',
    );
  });

  it('still reads when the exhibit is unknown', () => {
    expect(describeEntry(entry({ op: 'add-file', kind: 'blob', id: 'OTHER' }), index)).toBe(
      `added a file, SHA-256 ${SHA}`,
    );
  });
});

describe('describeProblem', () => {
  it('names the exhibit whose file was altered', () => {
    const text = describeProblem(
      {
        where: 'file BLOB-1',
        kind: 'blob',
        id: 'BLOB-1',
        message: 'file BLOB-1 has been altered or damaged: part 1 does not decrypt',
      },
      index,
    );
    expect(text).toBe(
      'Exhibit AB/3 (img.jpg): The original file of this exhibit has been altered or damaged: part 1 does not decrypt',
    );
  });

  it('leaves other problems as they are', () => {
    const problem = { where: 'audit log entry 2', message: 'Audit log entry 2 is missing.' };
    expect(describeProblem(problem, index)).toBe('Audit log entry 2 is missing.');
  });
});

describe('a report or bundle made is in the log in words', () => {
  it('says what was made, for whom, and its hash', async () => {
    const { describeHandover } = await import('./audit-words');
    const words = describeHandover(
      { what: 'bundle', profile: 'disclosure', incidents: 12, exhibits: 1, redactions: 3 },
      'ab'.repeat(32),
    );
    expect(words).toBe(
      `made an evidence bundle (disclosure copy: 12 incidents, 1 exhibit, 3 details redacted), its signed list of fingerprints has SHA-256 ${'ab'.repeat(32)}`,
    );
    expect(
      describeHandover(
        { what: 'pdf', profile: 'police', incidents: 1, exhibits: 0, redactions: 0 },
        'cd'.repeat(32),
      ),
    ).toBe(
      `made a PDF report (full copy for the police: 1 incident, 0 exhibits), SHA-256 ${'cd'.repeat(32)}`,
    );
  });
});

describe('draft entries', () => {
  const entry = (op: string, id: string) =>
    ({
      seq: 9,
      time: '2026-03-05T14:02:00Z',
      op,
      kind: 'draft',
      id,
      rev: 1,
      sha256: 'ab',
    }) as const;
  const none = indexExhibits([]);
  it('say a draft was kept or cleared, in words', () => {
    expect(describeEntry(entry('create', 'incident:new'), none)).toBe(
      'kept a draft of a new incident',
    );
    expect(describeEntry(entry('update', 'person:p1'), none)).toBe(
      'kept a draft of changes to a person',
    );
    expect(describeEntry(entry('delete', 'call:new'), none)).toBe(
      'cleared the draft of a new call (saved or discarded)',
    );
  });
});
