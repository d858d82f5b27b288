import type { Page } from '@playwright/test';
import { CasebookApp } from '../pages/casebook-app';
import { IncidentForm } from '../pages/incident-form';
import { Timeline } from '../pages/timeline';

export interface LoggedIncident {
  whatHappened: string;
  /** datetime-local value, e.g. 2026-03-02T08:10 */
  dateTime: string;
  /** Behaviour checkbox labels. */
  behaviours?: string[];
  /** Kind of place, as the option reads. */
  placeType?: string;
  location?: string;
}

/** Logs an incident with the full form: date, place and behaviours. */
export async function logIncident(page: Page, i: LoggedIncident): Promise<void> {
  const app = new CasebookApp(page);
  const form = new IncidentForm(page);
  await app.newIncident.click();
  await form.field('What happened').fill(i.whatHappened);
  await form.field('Date and time').fill(i.dateTime);
  if (i.location) await form.field('Location').fill(i.location);
  if (i.placeType || (i.behaviours?.length ?? 0) > 0) {
    await form.openDetails();
    if (i.placeType) await form.field('Kind of place').selectOption({ label: i.placeType });
    for (const b of i.behaviours ?? []) await page.getByLabel(b, { exact: true }).check();
  }
  await form.save();
  await new Timeline(page).expectShown(i.whatHappened);
}
