import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CasebookApp } from './pages/casebook-app';
import { Evidence } from './pages/evidence';
import { IncidentForm } from './pages/incident-form';
import { Timeline } from './pages/timeline';
import { expectAxeClean, screens } from './support/axe-and-screens';
import { expect, test } from './support/fixtures';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');
const PHOTO = join(ROOT, 'fixtures', 'images', 'img_1771.jpg');
const CLI = join(ROOT, 'apps', 'cli', 'bin', 'casebook.mjs');

test('log an incident with a photo, make the report and the evidence bundle; the CLI and sha256sum check the bundle', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const app = new CasebookApp(page);
  await app.open();
  await app.create();
  await app.newIncident.click();
  await new IncidentForm(page).quickAdd('He waited by the school gates at 8:40');
  await new Timeline(page).open('He waited by the school gates at 8:40');
  await new Evidence(page).attach('Attach evidence files', [PHOTO]);
  await expect(page.getByRole('button', { name: 'Open AB/1', exact: true })).toBeVisible();

  await app.goTo('Report');
  await expect(page.getByText('He waited by the school gates at 8:40')).toBeVisible();
  await expect(page.getByText(/1 incident, 1 exhibit, 0 people/)).toBeVisible();
  await expectAxeClean(page, 'the Report screen');
  await screens(page, 'report');

  // The PDF: a real PDF whose text holds the incident.
  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download PDF report' }).click(),
  ]);
  expect(pdf.suggestedFilename()).toMatch(/^report-\d{4}-\d{2}-\d{2}\.pdf$/);
  const dir = await mkdtemp(join(tmpdir(), 'casebook-report-'));
  try {
    const pdfPath = join(dir, 'report.pdf');
    await pdf.saveAs(pdfPath);
    const { stdout: text } = await run('pdftotext', ['-layout', pdfPath, '-']);
    expect(text).toContain('INC-0001');
    expect(text.replace(/\s+/g, ' ')).toContain('school gates');

    // The CSV: UTF-8 with BOM, the incident in it.
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const csvText = await readFile((await csv.path()) ?? '', 'utf8');
    expect(csvText.charCodeAt(0)).toBe(0xfeff);
    expect(csvText).toContain('He waited by the school gates at 8:40');

    // The bundle, streamed through the service worker to the download.
    const [bundle] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.getByRole('button', { name: 'Download evidence bundle' }).click(),
    ]);
    const zip = join(dir, 'bundle.zip');
    await bundle.saveAs(zip);
    await expect(page.getByText(/The evidence bundle is saved/)).toBeVisible({ timeout: 120_000 });
    const verified = await run(process.execPath, [CLI, 'verify', zip]);
    expect(verified.stdout).toMatch(/^Bundle intact: .* 1 exhibits?,/m);
    expect(verified.stdout).toMatch(/history checked up to entry/);
    await run('unzip', ['-q', zip, '-d', join(dir, 'out')]);
    await run('sha256sum', ['-c', '--quiet', 'MANIFEST.sha256'], { cwd: join(dir, 'out') });
    const original = await readFile(PHOTO);
    const inBundle = await readFile(join(dir, 'out', 'evidence', 'AB-1_img_1771.jpg'));
    expect(Buffer.compare(original, inBundle)).toBe(0);

    // Altered: one byte of the photo changed, and verify names it (a positive control).
    const bytes = await readFile(zip);
    // The PDF embeds the photo unchanged too; the original comes after it in the bundle.
    const at = bytes.lastIndexOf(original.subarray(4096, 4160));
    expect(at).toBeGreaterThan(0);
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    await writeFile(join(dir, 'altered.zip'), bytes);
    const altered = await run(process.execPath, [CLI, 'verify', join(dir, 'altered.zip')]).then(
      () => ({ code: 0, out: '' }),
      (e: { code: number; stdout: string; stderr: string }) => ({
        code: e.code,
        out: e.stdout + e.stderr,
      }),
    );
    expect(altered.code).toBe(1);
    expect(altered.out).toContain('AB-1_img_1771.jpg');

    // A disclosure copy says what it blacks out, and the screen stays accessible.
    await page.getByRole('radio', { name: /A disclosure copy/ }).check();
    await expect(page.getByRole('heading', { name: 'What is blacked out' })).toBeVisible();
    await expectAxeClean(page, 'the Report screen, disclosure copy');
    await screens(page, 'report-disclosure');

    // Each thing made is in the audit log, in words.
    await app.goTo('Audit log');
    await expect(page.getByText(/made a PDF report/)).toBeVisible();
    await expect(page.getByText(/made an evidence bundle/)).toBeVisible();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
