// One answer per press in headless Chromium: double- and triple-clicking "Send introduction" makes one introduction
// and one card for the named contact; "Introduce to" after a decline opens the form pre-filled beside the notice.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { launchChromiumOrSkip } from '../support/chromium.ts';
import { startPlayground, type RunningPlayground } from '../support/start-playground.ts';
import { personConversation } from '../../src/platforms/web/message-store.ts';
import { FIRST_INTRODUCTION } from '../contract/press-contract.ts';
import { eventually } from '../support/eventually.ts';
import { fillIntroduceForm, openPlaygroundAs } from '../support/playground-page.ts';

/** The introduce form with the client's answers and consent, ready to send. */
async function openForm(page: Page): Promise<void> {
  const form = await fillIntroduceForm(page);
  await form.getByRole('checkbox', { name: /client agreed/ }).check();
}

describe('one answer per press, in a browser', function () {
  this.timeout(60_000);
  let browser: Browser;
  let p: RunningPlayground;
  const rows = () => (p.db.prepare('SELECT count(*) AS n FROM handovers').get() as { n: number }).n;
  const contactCards = () =>
    p.playground.messenger.list(personConversation(p.people.contact)).filter((m) => m.card.kind === 'introduction');

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

  for (const clicks of [2, 3]) {
    it(`given a filled form, when "Send introduction" is clicked ${clicks} times in a row, then there is one introduction and the contact gets one card`, async () => {
      const page = await openPlaygroundAs(browser, p.url, p.people.introducer);
      await openForm(page);
      await page
        .locator('#intro-card')
        .getByRole('button', { name: 'Send introduction' })
        .click({ clickCount: clicks, delay: 0 });
      await page.locator('#intro-card').getByText('Your introduction of R.T.').waitFor();
      await p.settle();
      expect(rows()).to.equal(1);
      expect(contactCards()).to.have.length(1);
      await page.close();
    });
  }

  it('given a press on its way, then the buttons of that card are disabled until the answer arrives', async () => {
    const page = await openPlaygroundAs(browser, p.url, p.people.introducer);
    await openForm(page);
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    await page.route('**/playground/api/actions', async (route) => {
      await held;
      await route.continue();
    });
    await page.locator('#intro-card').getByRole('button', { name: 'Send introduction' }).click();
    await page.locator('#intro-card[aria-busy="true"]').waitFor();
    expect(await page.locator('#intro-card button:not([disabled])').count()).to.equal(0);
    release();
    await page.locator('#intro-card').getByText('Your introduction of R.T.').waitFor();
    expect(rows()).to.equal(1);
    await page.close();
  });

  it('given a decline, when the introducer presses "Introduce to Talking therapies", then the form opens pre-filled beside the notice, consent unticked', async () => {
    const first = p.handoverService.introduce(p.people.introducer, {
      serviceId: 'mind-lambeth-wellbeing',
      ...FIRST_INTRODUCTION,
      consent: true,
    });
    p.handoverService.act(first.id, { type: 'decline', actorId: p.people.contact, reason: 'no_capacity' });
    await p.settle();
    const page = await openPlaygroundAs(browser, p.url, p.people.introducer);
    const notice = page.locator('.message').filter({ hasText: 'Other services you could try' }).first();
    await notice.getByRole('button', { name: 'Introduce to Talking therapies' }).click();
    const form = page.locator('#intro-card');
    await form.getByText('This follows your introduction of R.T.').waitFor();
    expect(await form.getByLabel('Client first name or initials').inputValue()).to.equal('R.T.');
    expect(await form.getByLabel('What they want help with, in their own words').inputValue()).to.equal(
      FIRST_INTRODUCTION.needs,
    );
    expect(await form.getByRole('checkbox', { name: /client agreed/ }).isChecked()).to.equal(false);
    expect(await notice.textContent(), 'the decline notice is unchanged in the inbox')
      .to.contain('Other services you could try')
      .and.contain('Introduce to Talking therapies');
    await form.getByRole('checkbox', { name: /client agreed/ }).check();
    await form.getByRole('button', { name: 'Send introduction' }).click();
    await eventually(() => rows() === 2 || undefined, 'the second introduction');
    await page.close();
  });
});
