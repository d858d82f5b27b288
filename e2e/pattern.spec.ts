import { CasebookApp } from './pages/casebook-app';
import { IncidentForm } from './pages/incident-form';
import { IncidentView } from './pages/incident-view';
import { PatternPage } from './pages/insight';
import { Timeline } from './pages/timeline';
import { expect, test } from './support/fixtures';
import { logIncident } from './support/log-incidents';

// "Now" is Saturday 21 March 2026 in London, the end of the log's third week.
test.use({ timezoneId: 'Europe/London' });

test('six incidents over three weeks with a first threat in week three: the pattern says so', async ({
  page,
}) => {
  await page.clock.setFixedTime(new Date('2026-03-21T12:00:00Z'));
  const app = new CasebookApp(page);
  const pattern = new PatternPage(page);
  await app.open();
  await app.create();

  // Empty casebook: the Pattern screen says so calmly.
  await app.goTo('Pattern');
  await expect(page.getByText('No incidents logged yet.')).toBeVisible();

  // Week 1 (from Monday 2 March), week 2 (9 March), week 3 (16 March).
  await logIncident(page, {
    whatHappened: 'Followed me from the front door to the bus stop',
    dateTime: '2026-03-02T08:10',
    placeType: 'Home',
    behaviours: ['Following you'],
  });
  await logIncident(page, {
    whatHappened: 'Eleven texts in an hour asking to meet',
    dateTime: '2026-03-04T21:30',
    behaviours: ['Unwanted text messages'],
  });
  await logIncident(page, {
    whatHappened: 'Waiting across the road from my flat when I got home',
    dateTime: '2026-03-09T18:15',
    placeType: 'Home',
    behaviours: ['Waiting or loitering near your home'],
  });
  await logIncident(page, {
    whatHappened: 'Four missed calls from a withheld number',
    dateTime: '2026-03-12T19:00',
    behaviours: ['Unwanted phone calls'],
  });
  await logIncident(page, {
    whatHappened: 'Voicemail saying I would regret ignoring him',
    dateTime: '2026-03-17T22:40',
    behaviours: ['Threats of violence or harm to you'],
  });
  // The sixth by quick add: just what happened, at "now".
  await app.newIncident.click();
  await new IncidentForm(page).quickAdd('Card pushed through the letterbox, unsigned');
  await new Timeline(page).expectShown('Card pushed through the letterbox, unsigned');

  await app.goTo('Pattern');
  await expect(pattern.summary).toHaveText(
    '6 incidents over 3 weeks; at your home twice; first threat on 17 March.',
  );
  await expect(pattern.summary).toContainText('6 incidents');

  // The first threat is called out, and links to its incident.
  const threat = pattern.callout('First time: threats of violence or harm to you');
  await expect(threat).toContainText(
    'You first logged this on 17 March. Nothing you logged before it was this serious.',
  );
  // Nothing else has got worse: no new channel was logged, and nobody else was involved.
  await expect(pattern.callouts.locator(':scope > li')).toHaveCount(1);

  // Charts are images with names, and each has a table alternative.
  await expect(pattern.chart('Incidents each week, by kind of behaviour')).toBeVisible();
  await expect(pattern.chart('Day of the week and time of day')).toBeVisible();
  await page.getByText('Show the weeks as a table').click();
  const weeks = page.getByRole('table', { name: 'Incidents each week, by kind of behaviour' });
  await expect(weeks.getByRole('row')).toHaveCount(1 + 3);
  await expect(weeks.getByRole('row', { name: /^16 March 2 / })).toBeVisible();

  // Course of conduct, with a way to report and to read more.
  await expect(page.getByRole('region', { name: 'Course of conduct' })).toContainText(
    'the first two were on 2 March and 4 March',
  );

  await threat.getByRole('button', { name: /^See the incident of Tue 17 Mar 2026, 22:40/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Incident' })).toBeVisible();
  await expect(new IncidentView(page).value('What happened')).toHaveText(
    'Voicemail saying I would regret ignoring him',
  );

  // A deleted incident leaves the pattern.
  await new IncidentView(page).delete('Logged twice by mistake');
  await app.goTo('Pattern');
  await expect(pattern.summary).toContainText('5 incidents over 3 weeks');
  await expect(pattern.callout('First time: threats of violence or harm to you')).toHaveCount(0);

  await page.getByRole('button', { name: 'Is it stalking?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Is it stalking?' })).toBeVisible();
  await expect(
    page.getByText('Your log has 5 incidents: more than the two occasions'),
  ).toBeVisible();
});
