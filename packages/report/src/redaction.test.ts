import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFonts } from '../test/node-assets';
import { pdfText } from '../test/poppler';
import { chronologyCsv, exhibitsCsv } from './csv';
import { accountJson } from './json';
import { renderPdf } from './pdf/render-pdf';
import { type RedactionOptions, redactSnapshot } from './redaction';
import { buildSnapshot } from './snapshot';
import type { SnapshotInput } from './snapshot-input';
import type { CaseSnapshot } from './snapshot-types';
import { kitInput, SENSITIVE } from './test-kit';

const fonts = loadFonts();

/** Everything every renderer makes of a snapshot, as text. */
async function rendered(snapshot: CaseSnapshot, withPdf: boolean): Promise<string> {
  const parts = [chronologyCsv(snapshot), exhibitsCsv(snapshot), accountJson(snapshot)];
  if (withPdf) parts.push(pdfText(await renderPdf(snapshot, { fonts })));
  return parts.join('\n');
}

interface Secrets {
  address: string;
  school: string;
  children: string;
  witness: string;
  refuge: string;
  child: string;
}

/** The kit with the secrets in the fields a disclosure copy must hide. */
function withSecrets(s: Secrets): SnapshotInput {
  const input = kitInput();
  const [home, school, ...rest] = input.incidents;
  if (home === undefined || school === undefined) throw new Error('kit');
  const plan = input.safetyPlan;
  if (plan === undefined) throw new Error('kit');
  return {
    ...input,
    incidents: [
      {
        ...home,
        body: {
          ...home.body,
          location: { ...home.body.location, text: `Flat 2, ${s.address} Road` },
          whatHappened: `${home.body.whatHappened} ${s.child} saw him from the window.`,
          impactOnOthers: `${s.children} was upset`,
          witnesses: [{ name: 'Mrs Patel', contact: `${s.witness}@example.com` }],
        },
      },
      {
        ...school,
        body: { ...school.body, location: { text: `${s.school} Academy`, placeType: 'school' } },
      },
      ...rest,
    ],
    safetyPlan: {
      ...plan,
      body: { ...plan.body, safePlaces: [{ name: `${s.refuge} refuge`, address: '3 Mill Lane' }] },
    },
  };
}

const token = fc.stringMatching(/^[A-Z][a-z]{4,7}$/).map((w) => `Qx${w}`);
const secrets = fc.record({
  address: token,
  school: token,
  children: token,
  witness: token,
  refuge: token,
  child: token,
});

describe('redaction', () => {
  it('takes the sensitive fields out of a disclosure copy and logs each with its reason', () => {
    const snap = buildSnapshot(kitInput());
    const { snapshot, log } = redactSnapshot(snap, { profile: 'disclosure' });
    expect(
      log.map((e) =>
        e.path
          .replace(/people\.[^.]+/, 'people.ID')
          .replace(/riskAssessments\.[^.]+/, 'riskAssessments.RISK'),
      ),
    ).toEqual([
      'incidents.INC-0001.location.text',
      'incidents.INC-0001.location.coords',
      'incidents.INC-0001.witnesses.0.contact',
      'incidents.INC-0001.impactOnOthers',
      'incidents.INC-0002.location.text',
      'people.ID.phones.0',
      'people.ID.names.0',
      'people.ID.phones.0',
      'exhibits.AB/1.gps',
      'riskAssessments.RISK.very-frightened.note',
      'safety',
    ]);
    expect(snapshot.safety).toEqual({ redacted: true, reason: 'safety plan' });
    expect(snapshot.incidents[1]?.location?.text).toEqual({
      redacted: true,
      reason: 'new address',
    });
    expect(snapshot.incidents[1]?.whatHappened).toBe(snap.incidents[1]?.whatHappened);
    expect(snapshot.redaction).toEqual({ profile: 'disclosure', log });
    // The snapshot it was made from is untouched.
    expect(snap.incidents[1]?.location?.text).toBe(`Outside ${SENSITIVE.homeAddress}`);
    expect(snap.redaction.log).toEqual([]);
  });

  it('redacts nothing in a police copy unless chosen, and per-field choices win over defaults', () => {
    const snap = buildSnapshot(kitInput());
    expect(redactSnapshot(snap, { profile: 'police' }).log).toEqual([]);
    const options: RedactionOptions = {
      profile: 'disclosure',
      fields: [
        { path: 'safety', action: 'show' },
        { path: 'safety.safePlaces', action: 'show' },
        { path: 'incidents.INC-0004', action: 'redact', reason: 'not relevant to this case' },
        { path: 'incidents.*.impactOnOthers', action: 'show' },
      ],
    };
    const { snapshot } = redactSnapshot(snap, options);
    const emoji = snapshot.incidents.find((i) => i.number === 'INC-0004');
    expect(emoji?.whatHappened).toEqual({ redacted: true, reason: 'not relevant to this case' });
    expect(snapshot.incidents[1]?.impactOnOthers).toBe(SENSITIVE.impactOnOthers);
    const safety = snapshot.safety;
    expect(
      safety !== undefined && 'safePlaces' in safety ? safety.safePlaces[0]?.name : undefined,
    ).toBe(SENSITIVE.refuge);
  });

  it('takes chosen words out of all free text, leaving the rest', () => {
    const snap = buildSnapshot(kitInput());
    const { snapshot, log } = redactSnapshot(snap, {
      profile: 'police',
      terms: [{ text: 'lily', reason: "child's name" }],
    });
    expect(snapshot.incidents[2]?.whatHappened).toEqual({
      parts: [
        'He was at the school gates when I dropped ',
        { redacted: true, reason: "child's name" },
        ' off ending-school-narrative.',
      ],
    });
    expect(log).toContainEqual({ path: 'incidents.INC-0002.whatHappened', reason: "child's name" });
    expect(chronologyCsv(snapshot)).toContain("[Redacted: child's name] off");
    expect(accountJson(snapshot)).not.toMatch(/lily/i);
  });

  it('no redacted text reaches the CSV or JSON of a disclosure copy; all of it reaches the police copy', async () => {
    await fc.assert(
      fc.asyncProperty(secrets, async (s) => {
        const snap = buildSnapshot(withSecrets(s));
        const terms = [{ text: s.child, reason: "child's name" }];
        const disclosure = await rendered(
          redactSnapshot(snap, { profile: 'disclosure', terms }).snapshot,
          false,
        );
        const police = await rendered(redactSnapshot(snap, { profile: 'police' }).snapshot, false);
        for (const secret of Object.values(s)) {
          expect(disclosure).not.toContain(secret);
          expect(police).toContain(secret);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('no redacted text reaches the PDF of a disclosure copy; all of it reaches the police copy', async () => {
    // The property above covers the redaction itself; this is the PDF renderer's example
    // (two renders cost seconds, so one fixed set of secrets rather than many).
    const s: Secrets = {
      address: 'QxBellamy',
      school: 'QxOakfield',
      children: 'QxJunior',
      witness: 'QxPatelmail',
      refuge: 'QxHarbour',
      child: 'QxMaisie',
    };
    const snap = buildSnapshot(withSecrets(s));
    const terms = [{ text: s.child, reason: "child's name" }];
    const disclosure = await rendered(
      redactSnapshot(snap, { profile: 'disclosure', terms }).snapshot,
      true,
    );
    const police = await rendered(redactSnapshot(snap, { profile: 'police' }).snapshot, true);
    for (const secret of [
      ...Object.values(s),
      SENSITIVE.homeCoords,
      SENSITIVE.photoGps,
      SENSITIVE.trustedContact,
    ]) {
      expect(disclosure).not.toContain(secret);
      expect(police).toContain(secret);
    }
    expect(disclosure).toContain('Redacted: new address');
    expect(disclosure).toContain("Redacted: child's name");
  });
});
