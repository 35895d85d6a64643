// The four journeys from issue 4, in headless Debian Chromium through playwright-core.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { keepScreenshot, launchChromiumOrSkip } from '../support/chromium.ts';
import { startPlayground, type RunningPlayground } from '../support/start-playground.ts';
import { fillIntroduceForm, messageWith, openPlaygroundAs } from '../support/playground-page.ts';

const SERVICE = 'mind-lambeth-wellbeing';

async function switchTo(page: Page, personId: string): Promise<void> {
  await page.selectOption('#who', personId);
  await page.waitForFunction((id) => new URL(location.href).searchParams.get('as') === id, personId);
  await page.waitForSelector('body[data-live="yes"]');
}

function introduceInputs(extra: Record<string, unknown> = {}) {
  return {
    clientName: 'R.T.',
    needs: 'Feeling anxious about going back to work.',
    reasonForService: 'Close to home.',
    contactMethod: 'Phone',
    contactDetails: '07700 900123',
    consent: 'true',
    ...extra,
  };
}

/** The introduce form filled in with text that must not be read as markup, and a phone number. */
async function fillWithDetails(page: Page): Promise<void> {
  const form = await fillIntroduceForm(page, 'Feeling anxious about going back to work. *Not bold* <at>Sam</at>');
  await form.getByLabel(/^Contact details/).fill('07700 900123');
}

describe('playground in a browser', function () {
  this.timeout(60_000);
  let browser: Browser;
  let p: RunningPlayground;

  before(async function () {
    browser = await launchChromiumOrSkip(this);
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    p = await startPlayground();
  });
  afterEach(async () => {
    await p?.stop();
  });

  it('the introducer introduces with consent, the contact accepts and makes contact, and the receipt says "Contact made" with times', async () => {
    const page = await openPlaygroundAs(browser, p.url, p.people.introducer);
    await fillWithDetails(page);
    await page
      .locator('#intro-card')
      .getByRole('checkbox', { name: /client agreed/ })
      .check();
    await page.getByRole('button', { name: 'Send introduction' }).click();
    await page.locator('#intro-card').getByText('Your introduction of R.T.').waitFor();

    await switchTo(page, p.people.contact);
    const card = await messageWith(page, 'Introduction from Jo Rivers');
    await card.getByText('*Not bold* <at>Sam</at>').waitFor();
    expect(await card.getByText('07700 900123').count()).to.equal(0);
    await card.getByRole('button', { name: 'Accept' }).click();
    await card.getByText('07700 900123').waitFor();
    await card.getByRole('button', { name: "We've made contact" }).click();
    await card.getByText(/Contact made on/).waitFor();

    await switchTo(page, p.people.introducer);
    const receipt = await messageWith(page, 'Your introduction of R.T.');
    await receipt.getByText(/Contact made on \w{3} \d+ \w{3}, \d\d:\d\d/).waitFor();
    await receipt.getByText('✓ Contact made').waitFor();
    await receipt.getByText('✓ Accepted by Sam Patel').waitFor();
    await keepScreenshot(page, '1-receipt-contact-made.png');
    await page.close();
  });

  it('when the contact declines with "no capacity", the introducer sees the reason and alternative services', async () => {
    p.handoverService.introduce(p.people.introducer, { serviceId: SERVICE, ...introduceInputs(), consent: true });
    await p.settle();
    const page = await openPlaygroundAs(browser, p.url, p.people.contact);
    const card = await messageWith(page, 'Introduction from Jo Rivers');
    await card.getByRole('button', { name: 'Decline' }).click();
    await card.getByLabel('No capacity right now').check();
    await card.getByRole('button', { name: 'Decline' }).click();
    await card.getByText(/Declined by Sam Patel/).waitFor();

    await switchTo(page, p.people.introducer);
    const outcome = await messageWith(page, 'Sam Patel declined the introduction of R.T.');
    await outcome.getByText('No capacity right now').first().waitFor();
    await outcome.getByText('Other services you could try').waitFor();
    expect(await outcome.getByRole('button', { name: /^Introduce to / }).count()).to.be.within(1, 3);
    await keepScreenshot(page, '2-declined-with-alternatives.png');
    await page.close();
  });

  it('sending without consent is refused with a clear message and nothing is stored', async () => {
    const page = await openPlaygroundAs(browser, p.url, p.people.introducer);
    await fillWithDetails(page);
    await page.getByRole('button', { name: 'Send introduction' }).click();
    await page
      .locator('#intro-card')
      .getByText(/^Please confirm that the client agreed/)
      .first()
      .waitFor();
    await page
      .locator('#intro-card .ac-textBlock')
      .getByText('The client must agree before you send this introduction.')
      .waitFor();
    await page
      .locator('#intro-card .error-summary')
      .getByRole('link', { name: 'The client must agree before you send this introduction.' })
      .waitFor();
    const count = p.db.prepare('SELECT count(*) AS n FROM handovers').get() as { n: number };
    expect(count.n).to.equal(0);
    await keepScreenshot(page, '3-no-consent.png');
    await page.close();
  });

  it('a second person who is not the named contact cannot accept, and is told who has it', async () => {
    const h = p.handoverService.introduce(p.people.introducer, {
      serviceId: SERVICE,
      ...introduceInputs(),
      consent: true,
    });
    p.handoverService.act(h.id, { type: 'escalate', actorId: 'system', backupIds: [p.people.backup] });
    await p.settle();
    // Alex's browser has lost its live connection, so the card still offers Accept after Sam answers first.
    const page = await openPlaygroundAs(browser, p.url, p.people.backup, { offline: true });
    const card = await messageWith(page, "Sam Patel hasn't answered yet");
    await card.getByRole('button', { name: 'Accept' }).waitFor();
    p.handoverService.act(h.id, { type: 'accept', actorId: p.people.contact });
    await card.getByRole('button', { name: 'Accept' }).click();
    await card
      .getByRole('alert')
      .getByText(/Sam Patel already accepted this introduction/)
      .waitFor();
    await keepScreenshot(page, '4-not-yours.png');
    await page.close();
  });

  it('is readable at 320 px wide and can be used with the keyboard', async () => {
    p.handoverService.introduce(p.people.introducer, { serviceId: SERVICE, ...introduceInputs(), consent: true });
    await p.settle();
    const page = await openPlaygroundAs(browser, p.url, p.people.contact, { width: 320 });
    const card = await messageWith(page, 'Introduction from Jo Rivers');
    await card.getByRole('button', { name: 'Accept' }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).to.be.at.most(0);
    await card.getByRole('button', { name: 'Accept' }).focus();
    await page.keyboard.press('Enter');
    await card.getByText('07700 900123').waitFor();
    await keepScreenshot(page, '5-narrow-accepted.png');
    await page.close();
  });
});
