/**
 * CORS for the web app: only the origins the operator names get the headers, a preflight is
 * answered before any signature check, and no credentials are ever allowed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestDevice } from './client';
import { type Harness, startServer } from './harness';

const APP = 'https://casebook.example.org';

describe('CORS', () => {
  let server: Harness;
  beforeAll(async () => {
    server = await startServer('sqlite', 'fs', { openEnrolment: true, appOrigins: [APP] });
  });
  afterAll(async () => server.close());

  const preflight = (origin: string) =>
    server.app.inject({
      method: 'OPTIONS',
      url: '/v1/push',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-digest, signature, signature-input',
      },
    });

  it('answers the app’s preflight with the signature headers, and no credentials', async () => {
    const answer = await preflight(APP);
    expect(answer.statusCode).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBe(APP);
    expect(String(answer.headers['access-control-allow-headers'])).toContain('signature-input');
    expect(String(answer.headers['access-control-allow-methods'])).toContain('DELETE');
    expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('gives another origin nothing', async () => {
    const answer = await preflight('https://elsewhere.example.com');
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    expect(answer.statusCode).not.toBe(204);
  });

  it('marks the app’s signed requests readable, and still checks their signatures', async () => {
    const device = new TestDevice(server.app);
    const enrolled = await device.send('POST', '/v1/enrol', { v: 1 }, { headers: { origin: APP } });
    expect(enrolled.status).toBe(201);
    const info = await server.app.inject({
      method: 'GET',
      url: '/v1/info',
      headers: { origin: APP },
    });
    expect(info.headers['access-control-allow-origin']).toBe(APP);
    const unsigned = await server.app.inject({
      method: 'GET',
      url: '/v1/changes?since=0',
      headers: { origin: APP },
    });
    expect(unsigned.statusCode).toBe(401);
  });
});
