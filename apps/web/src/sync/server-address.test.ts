import { describe, expect, it } from 'vitest';
import { readServerAddress } from './server-address';

describe('readServerAddress', () => {
  it('reads what a person types as an https origin', () => {
    expect(readServerAddress(' sync.example.org ')).toEqual({
      ok: true,
      origin: 'https://sync.example.org',
    });
    expect(readServerAddress('https://Sync.Example.org/')).toEqual({
      ok: true,
      origin: 'https://sync.example.org',
    });
    expect(readServerAddress('http://localhost:8787')).toEqual({
      ok: true,
      origin: 'http://localhost:8787',
    });
  });

  it('refuses plain http elsewhere, paths, and what is not an address', () => {
    expect(readServerAddress('http://sync.example.org').ok).toBe(false);
    expect(readServerAddress('https://sync.example.org/app').ok).toBe(false);
    expect(readServerAddress('ftp://sync.example.org').ok).toBe(false);
    expect(readServerAddress('').ok).toBe(false);
    expect(readServerAddress('exa mple').ok).toBe(false);
  });
});
