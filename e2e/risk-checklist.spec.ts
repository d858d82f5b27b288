import { CasebookApp } from './pages/casebook-app';
import { RiskChecklistPage } from './pages/insight';
import { expect, test } from './support/fixtures';
import { logIncident } from './support/log-incidents';

test.use({ timezoneId: 'Europe/London' });

test('risk checklist: suggestions from the log, a yes brings guidance with numbers to call, history compares', async ({
  page,
}) => {
  const app = new CasebookApp(page);
  const risk = new RiskChecklistPage(page);
  await app.open();
  await app.create();
  await logIncident(page, {
    whatHappened: 'Tyres on my car slashed overnight',
    dateTime: '2026-03-03T07:30',
    behaviours: ['Damaging your property'],
  });

  await app.goTo('Risk checklist');
  // Twelve questions, each a group of three radio buttons named exactly Yes, No, Don't know.
  const questions = page.getByRole('group').filter({ has: page.getByRole('radio') });
  await expect(questions).toHaveCount(12);
  for (const name of ['Yes', 'No', "Don't know"]) {
    await expect(page.getByRole('radio', { name, exact: true })).toHaveCount(12);
  }
  await expect(risk.guidance).toHaveCount(0);
  // An empty save is not stored, and says what to do.
  await page.getByRole('button', { name: 'Save answers' }).click();
  await expect(page.getByRole('alert')).toContainText('Nothing was saved');
  await expect(page.getByRole('alert')).toContainText('at least one question');
  await expect(risk.history.getByRole('listitem')).toHaveCount(0);

  // The log suggests an answer beside the matching question, links to the incident, and
  // answers nothing by itself.
  const damage = risk.question(/damaged or destroyed anything/);
  await expect(damage).toContainText('You logged damage to your property on 3 March.');
  await expect(damage.getByRole('radio', { checked: true })).toHaveCount(0);

  // A "yes" brings the guidance at once: 999, 101, and the helpline as tel: links.
  await risk.answer(/Do you feel very scared/, 'Yes');
  await expect(risk.guidance).toBeVisible();
  await expect(risk.guidance).toContainText('If you are in danger now, call 999.');
  await expect(risk.guidance).toContainText('It is not a 24-hour or crisis line');
  const helpline = risk.guidance.getByRole('link', { name: 'Call 0808 802 0300' });
  await expect(helpline).toHaveAttribute('href', 'tel:+448088020300');
  await expect(risk.guidance.getByRole('link', { name: 'Call 999' })).toHaveAttribute(
    'href',
    'tel:999',
  );
  await expect(risk.guidance.getByRole('link', { name: 'Call 101' })).toHaveAttribute(
    'href',
    'tel:101',
  );

  await risk.answer(/damaged or destroyed anything/, 'No');
  await page.getByLabel('Note on question 3 (optional)').fill('Not sure the tyres count');
  await risk.save();
  await expect(risk.history.getByRole('listitem')).toHaveCount(1);
  await expect(risk.history).toContainText('1 yes, 1 no, 10 not answered');

  // A second assessment, later: one answer changes.
  await risk.answer(/damaged or destroyed anything/, 'Yes');
  await risk.save();
  await expect(risk.history.getByRole('listitem')).toHaveCount(2);
  await expect(risk.changes).toContainText('Have they damaged or destroyed anything');
  await expect(risk.changes).toContainText(/No\b.*became Yes/);

  // The suggestion's link opens the incident it rests on.
  await damage.getByRole('button', { name: /^See the incident of Tue 3 Mar 2026, 07:30/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Incident' })).toBeVisible();
  await expect(page.getByText('Tyres on my car slashed overnight')).toBeVisible();

  // Saved assessments survive a lock.
  await app.lock();
  await app.unlock();
  await app.goTo('Risk checklist');
  await expect(risk.history.getByRole('listitem')).toHaveCount(2);

  // It opens on the latest answers, their guidance on top; one change makes a new version.
  await expect(
    risk.question(/Do you feel very scared/).getByRole('radio', { name: 'Yes', exact: true }),
  ).toBeChecked();
  await expect(
    risk.question(/damaged or destroyed anything/).getByRole('radio', { name: 'Yes', exact: true }),
  ).toBeChecked();
  await expect(page.getByLabel('Note on question 3 (optional)')).toHaveValue(
    'Not sure the tyres count',
  );
  await expect(risk.guidance).toBeVisible();
  const guidanceTop = (await risk.guidance.boundingBox())?.y ?? 0;
  const firstQuestionTop = (await risk.question(/Do you feel very scared/).boundingBox())?.y ?? 0;
  expect(guidanceTop).toBeLessThan(firstQuestionTop);
  await page.screenshot({
    path: `${process.env.SCREENS_DIR ?? 'test-results/screens'}/risk-reopened-390.png`,
  });
  await risk.answer(/damaged or destroyed anything/, 'No');
  await risk.save();
  await expect(risk.history.getByRole('listitem')).toHaveCount(3);
  await expect(risk.history).toContainText('1 yes, 1 no, 10 not answered');
});
