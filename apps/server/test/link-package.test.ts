/**
 * The link package (PROTOCOL.md "Linking a device"): kept beside its linking code, handed only
 * to the device that links with that code, and gone from the database once the code is used,
 * burnt or expired. On every metadata engine.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetaStore } from '../src/db/meta-store';
import { TestDevice } from './client';
import { META_ENGINES } from './engines';
import { type Harness, startServer } from './harness';

const packageBytes = () => randomBytes(4096);
const idOf = (code: string) => code.slice(0, 4);

describe.each(META_ENGINES)('link packages on %s', (metaEngine) => {
  let server: Harness;
  let clock = Date.now();
  const now = () => clock;
  let a: TestDevice;

  const storedPackages = async () =>
    (
      await server.meta.value.db
        .selectFrom('link_codes')
        .select(['id', 'package'])
        .where('package', 'is not', null)
        .execute()
    ).length;

  /** A linking code with a package beside it, as a linked device makes one. */
  const codeWithPackage = async (bytes = packageBytes()) => {
    const made = await a.send('POST', '/v1/link-codes', {});
    expect(made.status).toBe(201);
    const put = await a.send('PUT', `/v1/link-codes/${idOf(made.json.code)}/package`, {
      v: 1,
      package: bytes.toString('base64'),
    });
    expect(put.status).toBe(200);
    return made.json.code as string;
  };

  beforeAll(async () => {
    server = await startServer(metaEngine, 'fs', {
      openEnrolment: true,
      now,
      limits: { codeAttemptsPerAddress: 100 },
    });
    a = new TestDevice(server.app, now);
    expect((await a.send('POST', '/v1/enrol', { v: 1 })).status).toBe(201);
  });
  afterAll(async () => server.close());

  it('hands the package to the device that links with the code, then forgets it', async () => {
    const bytes = packageBytes();
    const code = await codeWithPackage(bytes);
    expect(await storedPackages()).toBe(1);
    // Set once: a second package for the same code is refused, the first kept.
    const again = await a.send('PUT', `/v1/link-codes/${idOf(code)}/package`, {
      v: 1,
      package: packageBytes().toString('base64'),
    });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('code-gone');
    const b = new TestDevice(server.app, now);
    const wrong = await b.send('POST', '/v1/link', {
      v: 1,
      code: `${code.slice(0, 5)}ZZZZ-ZZZZ-ZZZZ`,
    });
    expect(wrong.status).toBe(403);
    expect(wrong.json.package).toBeUndefined();
    const linked = await b.send('POST', '/v1/link', { v: 1, code });
    expect(linked.status).toBe(201);
    expect(Buffer.from(linked.json.package, 'base64').equals(bytes)).toBe(true);
    expect(await storedPackages()).toBe(0);
  });

  it('takes the same package again from its device (a retry after a lost answer)', async () => {
    const bytes = packageBytes();
    const code = await codeWithPackage(bytes);
    const put = (device: TestDevice, sent: Buffer) =>
      device.send('PUT', `/v1/link-codes/${idOf(code)}/package`, {
        v: 1,
        package: sent.toString('base64'),
      });
    const retried = await put(a, bytes);
    expect(retried.status).toBe(200);
    expect(retried.json).toEqual({ v: 1, stored: true });
    // Controls: other bytes, or the same bytes from a device that did not make the code, are not
    // a retry; and once the code is spent even the same bytes find nothing.
    expect((await put(a, packageBytes())).status).toBe(409);
    const other = new TestDevice(server.app, now);
    const otherCode = await a.send('POST', '/v1/link-codes', {});
    expect((await other.send('POST', '/v1/link', { v: 1, code: otherCode.json.code })).status).toBe(
      201,
    );
    expect((await put(other, bytes)).status).toBe(409);
    const b = new TestDevice(server.app, now);
    const linked = await b.send('POST', '/v1/link', { v: 1, code });
    expect(Buffer.from(linked.json.package, 'base64').equals(bytes)).toBe(true);
    expect((await put(a, bytes)).status).toBe(409);
    expect(await storedPackages()).toBe(0);
  });

  it('a whole code sent by mistake (with the device’s part) is cancelled and its package dropped', async () => {
    const code = await codeWithPackage();
    const b = new TestDevice(server.app, now);
    // Control: a wrong server secret with a device part cancels nothing (only a holder can).
    const forged = await b.send('POST', '/v1/link', {
      v: 1,
      code: `${code.slice(0, 5)}ZZZZ-ZZZZ-ZZZZ-R4NB-8CJE-W6FS`,
    });
    expect(forged.json.error.code).toBe('bad-code');
    expect(await storedPackages()).toBe(1);
    const whole = await b.send('POST', '/v1/link', { v: 1, code: `${code}-R4NB-8CJE-W6FS` });
    expect(whole.status).toBe(400);
    expect(whole.json.error.code).toBe('code-sent-whole');
    expect(await storedPackages()).toBe(0);
    const late = await b.send('POST', '/v1/link', { v: 1, code });
    expect(late.json.error.code).toBe('used');
  });

  it('a code made without a package links as before, with none in the answer', async () => {
    const made = await a.send('POST', '/v1/link-codes', {});
    expect(made.status).toBe(201);
    const linked = await new TestDevice(server.app, now).send('POST', '/v1/link', {
      v: 1,
      code: made.json.code,
    });
    expect(linked.status).toBe(201);
    expect(linked.json.package).toBeUndefined();
  });

  it('a burnt code drops its package at the try that burns it', async () => {
    const code = await codeWithPackage();
    expect(await storedPackages()).toBe(1);
    const guesser = new TestDevice(server.app, now);
    const wrongCode = `${code.slice(0, 5)}ZZZZ-ZZZZ-ZZZZ`;
    for (let i = 0; i < 4; i += 1) {
      expect((await guesser.send('POST', '/v1/link', { v: 1, code: wrongCode })).status).toBe(403);
      expect(await storedPackages()).toBe(1);
    }
    expect((await guesser.send('POST', '/v1/link', { v: 1, code: wrongCode })).status).toBe(403);
    expect(await storedPackages()).toBe(0);
    const late = await guesser.send('POST', '/v1/link', { v: 1, code });
    expect(late.json.error.code).toBe('used');
    expect(late.json.package).toBeUndefined();
  });

  it('an expired code’s package is swept, and the code no longer links', async () => {
    const code = await codeWithPackage();
    const meta = new MetaStore(server.meta.value.db);
    await meta.forgetLinkPackagesBefore(clock + 9 * 60_000);
    expect(await storedPackages()).toBe(1);
    clock += 10 * 60_000 + 1;
    await meta.forgetLinkPackagesBefore(clock);
    expect(await storedPackages()).toBe(0);
    const b = new TestDevice(server.app, now);
    const late = await b.send('POST', '/v1/link', { v: 1, code });
    expect(late.json.error.code).toBe('expired');
    expect(late.json.package).toBeUndefined();
  });

  it('takes a package only from the device that made the code, within the limit', async () => {
    const made = await a.send('POST', '/v1/link-codes', {});
    const id = idOf(made.json.code);
    const put = (device: TestDevice, size: number) =>
      device.send('PUT', `/v1/link-codes/${id}/package`, {
        v: 1,
        package: randomBytes(size).toString('base64'),
      });
    // Another device of the same casebook did not make this code.
    const other = new TestDevice(server.app, now);
    const code = await a.send('POST', '/v1/link-codes', {});
    expect((await other.send('POST', '/v1/link', { v: 1, code: code.json.code })).status).toBe(201);
    expect((await put(other, 4096)).status).toBe(409);
    expect((await put(a, 16 * 1024 + 3)).status).toBe(400);
    expect((await put(a, 16 * 1024 + 1)).status).toBe(413);
    const odd = await a.send('PUT', `/v1/link-codes/${id}/package`, {
      v: 1,
      package: 'not base64!',
    });
    expect(odd.status).toBe(400);
    expect(await storedPackages()).toBe(0);
    expect((await put(a, 16 * 1024)).status).toBe(200);
    expect(await storedPackages()).toBe(1);
  });
});
