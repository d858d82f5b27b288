/**
 * What `casebook sync` remembers between runs, beside the casebook (`<file>.sync.json`): the
 * server, the key it countersigns with (pinned at enrolment: a server answering later with
 * another key is not believed), the casebook's space there, and where the last sync left off
 * (kept beside the file, not inside it: sync never changes the casebook it is given, and the
 * `heads` check ties the cursor to the contents it was written for). No secret and nothing the
 * person wrote; the device key stays inside the casebook. Versioned, checked with zod, written
 * whole under a temporary name and renamed into place.
 */
import { open, readFile, rename, rm } from 'node:fs/promises';
import { sync } from '@casebook/vault';
import { z } from 'zod';

const V1 = z
  .object({
    v: z.literal(1),
    server: z.string().url(),
    serverKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    space: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  })
  .strict();

/** v2 adds where the last sync left off (the vault's `SyncCursor`). */
const V2 = V1.extend({ v: z.literal(2), cursor: sync.SyncCursorSchema.optional() }).strict();
export type SyncCursor = sync.SyncCursor;
export type SyncState = z.infer<typeof V2>;

/** Reads v1 (no cursor: the next sync pulls everything) and v2; writes v2. */
export const SyncStateSchema = z
  .union([V2, V1])
  .transform((s): SyncState => (s.v === 1 ? { ...s, v: 2 } : s));

export const syncStatePath = (casebook: string) => `${casebook}.sync.json`;

export type ReadState = { ok: true; state: SyncState | undefined } | { ok: false; message: string };

export async function readSyncState(path: string): Promise<ReadState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, state: undefined };
    return { ok: false, message: `Casebook could not read ${path}.` };
  }
  let parsed: ReturnType<typeof SyncStateSchema.safeParse>;
  try {
    parsed = SyncStateSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = SyncStateSchema.safeParse(undefined);
  }
  if (!parsed.success) {
    return {
      ok: false,
      message: `${path} is damaged, so Casebook does not know which server key to trust. Move it aside and sync again only if you are sure of the server.`,
    };
  }
  return { ok: true, state: parsed.data };
}

export async function writeSyncState(path: string, state: SyncState): Promise<void> {
  const temp = `${path}.partial`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(V2.parse(state), null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
