import { expect, type Page } from '@playwright/test';

export interface PersonFields {
  name: string;
  phone: string;
  email: string;
  social: string;
  vehicleMake: string;
  vehicleModel: string;
  vehicleColour: string;
  vehiclePlate: string;
  description: string;
  notes: string;
}

export interface CallFields {
  time: string;
  number: string;
  minutes: string;
  seconds: string;
  said: string;
}

export interface ItemFields {
  what: string;
  received: string;
  where: string;
  handedWhen: string;
  reference: string;
}

/** People, Calls and Items screens. */
export class Records {
  constructor(readonly page: Page) {}

  field(label: string) {
    return this.page.getByLabel(label, { exact: true });
  }

  async addPerson(p: PersonFields, role = 'Person responsible'): Promise<void> {
    await this.page.getByRole('button', { name: 'Add a person' }).click();
    await this.page
      .getByRole('group', { name: 'Who is this?' })
      .getByLabel(role, { exact: true })
      .check();
    await this.field('How you know them').selectOption({ label: 'Ex-partner' });
    await this.field('Names').fill(p.name);
    await this.field('Phone numbers').fill(p.phone);
    await this.field('Email addresses').fill(p.email);
    await this.field('Social media accounts').fill(p.social);
    await this.page.getByRole('button', { name: 'Add a vehicle' }).click();
    await this.field('Vehicle 1 make').fill(p.vehicleMake);
    await this.field('Vehicle 1 model').fill(p.vehicleModel);
    await this.field('Vehicle 1 colour').fill(p.vehicleColour);
    await this.field('Vehicle 1 number plate').fill(p.vehiclePlate);
    await this.field('Description').fill(p.description);
    await this.field('Notes').fill(p.notes);
    await this.page.getByRole('button', { name: 'Save person' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  }

  async logCall(c: CallFields): Promise<void> {
    await this.field('Time of call').fill(c.time);
    await this.field('Number').fill(c.number);
    await this.page
      .getByRole('group', { name: 'Did you answer?' })
      .getByLabel('Answered', { exact: true })
      .check();
    await this.field('Minutes').fill(c.minutes);
    await this.field('Seconds').fill(c.seconds);
    await this.field('What was said').fill(c.said);
    await this.page.getByRole('button', { name: 'Save call' }).click();
    await expect(this.page.getByText('Call saved.')).toBeVisible();
  }

  async noteItem(i: ItemFields): Promise<void> {
    await this.field('What it is').fill(i.what);
    await this.field('When received').fill(i.received);
    await this.field('Where it is kept now').fill(i.where);
    await this.page.getByLabel('Handed to the police', { exact: true }).check();
    await this.field('When handed to the police').fill(i.handedWhen);
    await this.field('Police reference').fill(i.reference);
    await this.page.getByRole('button', { name: 'Save item' }).click();
    await expect(this.page.getByText('Item saved.')).toBeVisible();
  }
}
