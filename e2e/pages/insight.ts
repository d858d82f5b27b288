import { expect, type Locator, type Page } from '@playwright/test';

/** The Pattern screen. */
export class PatternPage {
  constructor(readonly page: Page) {}

  get summary(): Locator {
    return this.page.getByTestId('pattern-summary');
  }

  get callouts(): Locator {
    return this.page.getByRole('list', { name: 'Signs it is getting worse' });
  }

  callout(heading: string): Locator {
    return this.callouts
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { level: 3, name: heading }) });
  }

  chart(name: string): Locator {
    return this.page.getByRole('img', { name });
  }
}

/** The Risk checklist screen. */
export class RiskChecklistPage {
  constructor(readonly page: Page) {}

  /** A question's fieldset, found by words of its legend. */
  question(words: string | RegExp): Locator {
    return this.page.getByRole('group', { name: words });
  }

  async answer(words: string | RegExp, answer: 'Yes' | 'No' | "Don't know"): Promise<void> {
    await this.question(words).getByRole('radio', { name: answer, exact: true }).check();
  }

  get guidance(): Locator {
    return this.page.getByRole('region', { name: 'What to do now' });
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save answers' }).click();
    await expect(this.page.getByText('Your answers are saved')).toBeVisible();
  }

  get history(): Locator {
    return this.page.getByRole('list', { name: 'Saved assessments' });
  }

  get changes(): Locator {
    return this.page.getByRole('list', { name: 'What changed' });
  }
}

/** The Safety plan screen. */
export class SafetyPlanPage {
  constructor(readonly page: Page) {}

  item(text: string | RegExp): Locator {
    return this.page.getByRole('checkbox', { name: text });
  }

  /** The "Not relevant" box of the item whose text starts with `text`. */
  notRelevant(text: string): Locator {
    return this.page
      .locator('li.plan-item')
      .filter({ hasText: text })
      .getByRole('checkbox', { name: 'Not relevant', exact: true });
  }

  async addTrustedPerson(name: string, contact: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Add trusted person' });
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form.getByLabel('How to reach them', { exact: true }).fill(contact);
    await form.getByRole('button', { name: 'Add trusted person' }).click();
  }

  get trustedPeople(): Locator {
    return this.page.getByRole('list', { name: 'Trusted people' });
  }

  async expectSaved(): Promise<void> {
    await expect(this.page.getByText('All changes saved.')).toBeVisible();
  }
}

/** The Help screen. */
export class HelpPage {
  constructor(readonly page: Page) {}

  get list(): Locator {
    return this.page.getByRole('list', { name: 'Where to get help' });
  }

  entry(organisation: string): Locator {
    return this.list
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { level: 2, name: organisation }) });
  }

  /** The `tel:` targets of every call link on the screen, in order. */
  async telLinks(): Promise<string[]> {
    return this.page
      .locator('main a[href^="tel:"]')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  }
}
