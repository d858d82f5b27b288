import { describe, expect, it } from 'vitest';
import { type ImportedRecordReader, initialsInUse, knownImportKeys } from './known-import-keys';

const body = (key: string) => ({ message: { key } });

describe('knownImportKeys', () => {
  it('takes live keys, and a deleted message’s key from its last live revision', async () => {
    const reader: ImportedRecordReader = {
      async list(kind) {
        return kind === 'imported-message'
          ? [
              { id: 'a', deleted: false, body: body('whatsapp:a') },
              { id: 'b', deleted: true },
            ]
          : [{ id: 'c', deleted: false, body: { call: { key: 'call:c' } } }];
      },
      async history(_kind, id) {
        return id === 'b'
          ? [
              { deleted: false, body: body('whatsapp:b1') },
              { deleted: false, body: body('whatsapp:b2') },
              { deleted: true },
            ]
          : [];
      },
    };
    expect([...(await knownImportKeys(reader))].sort()).toEqual([
      'call:c',
      'whatsapp:a',
      'whatsapp:b2',
    ]);
  });

  it('initialsInUse picks the initials most used in exhibit numbers', () => {
    expect(initialsInUse(['AB/1', 'CD/1', 'AB/2'])).toBe('AB');
    expect(initialsInUse([])).toBeUndefined();
  });
});
