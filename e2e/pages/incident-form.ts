import { expect, type Page } from '@playwright/test';

/** Every text field of a full incident, by its label, as the spec fills them. */
export interface FullIncident {
  whatHappened: string;
  dateTime: string; // datetime-local value, e.g. 2026-03-03T14:05
  location: string;
  ended: string;
  placeType: string; // option label
  latitude: string;
  longitude: string;
  behaviours: string[]; // checkbox labels
  channel: string; // option label
  newPersonName: string;
  looked: string;
  sounded: string;
  wore: string;
  make: string;
  model: string;
  colour: string;
  plate: string;
  witnessName: string;
  witnessContact: string;
  policeContacted: string; // radio label
  policeMethod: string; // option label
  policeDid: string;
  policeReference: string;
  officer: string;
  impact: string;
  changes: string;
  impactOnOthers: string;
}

export class IncidentForm {
  constructor(readonly page: Page) {}

  field(label: string) {
    return this.page.getByLabel(label, { exact: true });
  }

  async quickAdd(whatHappened: string): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'New incident' })).toBeVisible();
    await this.field('What happened').fill(whatHappened);
    await this.save();
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save incident' }).click();
  }

  async openDetails(): Promise<void> {
    const toggle = this.page.getByRole('button', { name: 'Add more details' });
    if (await toggle.isVisible()) await toggle.click();
  }

  async fillAll(i: FullIncident): Promise<void> {
    await this.field('What happened').fill(i.whatHappened);
    await this.field('Date and time').fill(i.dateTime);
    await this.field('Location').fill(i.location);
    await this.openDetails();
    await this.field('When it ended (optional)').fill(i.ended);
    await this.page.getByLabel('I am not sure of the exact time').check();
    await this.field('Kind of place').selectOption({ label: i.placeType });
    await this.field('Latitude (optional)').fill(i.latitude);
    await this.field('Longitude (optional)').fill(i.longitude);
    for (const b of i.behaviours) await this.page.getByLabel(b, { exact: true }).check();
    await this.field('How it happened').selectOption({ label: i.channel });
    await this.page.getByRole('button', { name: 'Add someone new' }).click();
    await this.field("New person's name").fill(i.newPersonName);
    await this.page.getByRole('button', { name: 'Add this person' }).click();
    await expect(this.page.getByLabel(i.newPersonName, { exact: true })).toBeChecked();
    await this.field('What they looked like').fill(i.looked);
    await this.field('What they sounded like').fill(i.sounded);
    await this.field('What they wore').fill(i.wore);
    await this.field('Make').fill(i.make);
    await this.field('Model').fill(i.model);
    await this.field('Colour').fill(i.colour);
    await this.field('Number plate').fill(i.plate);
    await this.page.getByRole('button', { name: 'Add a witness' }).click();
    await this.field('Witness 1 name').fill(i.witnessName);
    await this.field('Witness 1 contact details').fill(i.witnessContact);
    await this.page
      .getByRole('group', { name: 'Did you contact the police?' })
      .getByLabel(i.policeContacted, { exact: true })
      .check();
    await this.field('How you contacted them').selectOption({ label: i.policeMethod });
    await this.field('What the police did').fill(i.policeDid);
    await this.field('Police reference number').fill(i.policeReference);
    await this.field("Officer's name or number").fill(i.officer);
    await this.field('Impact of this incident on you').fill(i.impact);
    await this.field('Changes you made because of it').fill(i.changes);
    await this.field('Impact on children or others').fill(i.impactOnOthers);
  }
}
