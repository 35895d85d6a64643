// Issue 24: the playground teaches and forgives. A tour that ticks itself, people grouped by what they do, counters
// that warn before the limit, drafts that survive a reload (this tab only), a stale form replaced by the current card,
// and live updates announced as updates.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { launchChromiumOrSkip, keepScreenshot } from '../support/chromium.ts';
import { openPlaygroundAs } from '../support/playground-page.ts';
import { startPlayground, type RunningPlayground } from '../support/start-playground.ts';

const MONDAY_10AM = new Date('2026-12-07T10:00:00Z');
const SERVICE = 'mind-lambeth-wellbeing';
const SERVICE_NAME = 'Wellbeing support for anxiety and low mood';
const NEEDS_LIMIT = 2000;

describe('the playground teaches and forgives (issue 24)', function () {
  this.timeout(60_000);
  let browser: Browser;
  let p: RunningPlayground;
  const problems: string[] = [];
  const pages: Page[] = [];

  before(async function () {
    browser = await launchChromiumOrSkip(this);
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    problems.length = 0;
    p = await startPlayground({ clock: { now: () => MONDAY_10AM }, timeTravel: true });
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
    await p?.stop();
  });

  function open(personId: string): Promise<Page> {
    return openPlaygroundAs(browser, p.url, personId, { width: 1280, height: 800, tour: true, problems, pages });
  }

  async function openIntroduceForm(page: Page) {
    await page.getByRole('button', { name: 'Introduce a client', exact: true }).click();
    await page.getByLabel('What does your client need help with?').fill('anxiety');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: `Introduce a client to ${SERVICE_NAME}` }).click();
    const form = page.locator('#intro-card');
    await form.getByRole('button', { name: 'Send introduction' }).waitFor();
    return form;
  }

  function introduce(clientName = 'R.T.') {
    return p.handoverService.introduce(p.people.introducer, {
      serviceId: SERVICE,
      clientName,
      needs: 'Feeling anxious about work.',
      reasonForService: 'Close to home.',
      contactMethod: 'Phone',
      consent: true,
    });
  }

  it('given a newcomer, "You are" groups people by role with the demo cast first, the coordinator gets a link to the reports, and the tour ticks a step once it happens', async () => {
    const jo = await open(p.people.introducer);
    const groups = await jo
      .locator('#who optgroup')
      .evaluateAll((els) => els.map((e) => (e as HTMLOptGroupElement).label));
    expect(groups[0]).to.equal('Demo cast');
    expect(groups).to.include.members(['Named contacts', 'Backup contacts']);
    const cast = await jo.locator('#who optgroup').first().locator('option').allTextContents();
    expect(cast.map((t) => t.split(' (')[0])).to.deep.equal([
      'Jo Rivers',
      'Sam Patel',
      'Alex Morgan',
      'Priya Shah',
      'Chris Okafor',
    ]);
    expect(await jo.locator('#coordinator-links').isVisible()).to.equal(false);
    const step = jo.locator('#tour-steps li[data-step="introduce"]');
    await step.getByText('(to do)').waitFor({ state: 'attached' });

    introduce();
    await p.settle();
    await jo
      .getByRole('status')
      .getByText(/^New: Your introduction to .*, client R\.T\./)
      .waitFor();
    await step.getByText('(done)').waitFor({ state: 'attached' });
    await jo.locator('#tour-steps li[data-step="answer"]').getByRole('button', { name: 'Switch to Sam Patel' }).click();
    await jo.waitForFunction(() => new URL(location.href).searchParams.get('as') === 'p-sam-patel');
    await jo.locator('.message').filter({ hasText: 'Introduction from Jo Rivers' }).waitFor();

    await jo.selectOption('#who', p.people.coordinator);
    await jo.locator('#coordinator-links').getByRole('link', { name: 'Reports' }).waitFor();
    await jo.getByText('No messages: introductions go to named contacts. As coordinator, open the reports').waitFor();
    expect(await jo.locator('#coordinator-links a').first().getAttribute('href')).to.equal('/reports');
    await keepScreenshot(jo, '24-coordinator-tour.png');
    const icon = await fetch(`${p.url}/favicon.ico`);
    expect(icon.status).to.equal(200);
    expect(icon.headers.get('content-type')).to.equal('image/svg+xml');
    expect(problems).to.deep.equal([]);
  });

  it('given an introduce form sent half empty, then each missing answer is marked required and invalid, listed in a focused error summary, and the urgency radios share one group label', async () => {
    const jo = await open(p.people.introducer);
    const form = await openIntroduceForm(jo);
    const needs = form.getByLabel('What they want help with, in their own words');
    expect(await needs.getAttribute('aria-required')).to.equal('true');
    const urgency = form.getByRole('radiogroup', { name: 'Urgency' });
    expect(
      await urgency
        .getByRole('radio')
        .evaluateAll((els) =>
          els.map(
            (e) =>
              e.getAttribute('aria-labelledby') &&
              document.getElementById(e.getAttribute('aria-labelledby') as string)?.textContent,
          ),
        ),
    ).to.deep.equal(['Routine', 'Soon', 'Urgent']);
    await form.getByLabel('Client first name or initials').fill('R.T.');
    await form.getByRole('button', { name: 'Send introduction' }).click();
    const summary = form.locator('.error-summary');
    await summary.getByText('There is a problem with 3 answers').waitFor();
    expect(await jo.evaluate(() => document.activeElement?.className)).to.equal('error-summary');
    expect(await needs.getAttribute('aria-invalid')).to.equal('true');
    expect(await form.getByLabel('Client first name or initials').getAttribute('aria-invalid')).to.equal(null);
    await summary.getByRole('link', { name: /What they want help with/ }).click();
    expect(await needs.evaluate((el) => el === document.activeElement)).to.equal(true);
    expect(await needs.getAttribute('aria-describedby')).to.match(/__ac-|error-/);
  });

  it('given a long answer, the counter warns before the limit, and a paste that does not fit says what was not kept', async () => {
    const jo = await open(p.people.introducer);
    const form = await openIntroduceForm(jo);
    const needs = form.getByLabel('What they want help with, in their own words');
    await needs.fill('a'.repeat(1850));
    await form.getByText('1,850 of 2,000 characters').waitFor();
    await form.getByText('You have 150 characters left.').waitFor();
    expect(await needs.getAttribute('aria-describedby')).to.match(/count-/);
    await needs.fill('');
    await needs.evaluate((el, limit) => {
      const data = new DataTransfer();
      data.setData('text', 'b'.repeat(limit + 100));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      (el as HTMLTextAreaElement).value = 'b'.repeat(limit); // what the browser keeps of the paste
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, NEEDS_LIMIT);
    await form
      .getByText(
        'Only the first 2,000 characters of what you pasted fit here (the limit is 2,000). The rest was not kept.',
      )
      .waitFor();
    await form.getByText('2,000 of 2,000 characters').waitFor();
  });

  it('given a half-filled introduction, when the page reloads, then the form comes back with what was typed (not the consent), nothing is in localStorage, and sending drops the draft', async () => {
    const jo = await open(p.people.introducer);
    let form = await openIntroduceForm(jo);
    await form.getByLabel('Client first name or initials').fill('R.T.');
    await form
      .getByLabel('What they want help with, in their own words')
      .fill('Feeling anxious about going back to work.');
    await form.getByRole('checkbox', { name: /client agreed/ }).check();
    await jo.reload();
    await jo.waitForSelector('body[data-live="yes"]');
    form = jo.locator('#intro-card');
    await expectValue(form.getByLabel('Client first name or initials'), 'R.T.');
    await expectValue(
      form.getByLabel('What they want help with, in their own words'),
      'Feeling anxious about going back to work.',
    );
    expect(await form.getByRole('checkbox', { name: /client agreed/ }).isChecked()).to.equal(false);
    expect(await jo.evaluate(() => localStorage.length)).to.equal(0);
    expect(
      await jo.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('wh-draft:')).length),
    ).to.equal(1);

    await form.getByLabel('Why this service').fill('Close to home.');
    await form.getByLabel('How they prefer to be contacted').fill('Phone');
    await form.getByRole('checkbox', { name: /client agreed/ }).check();
    await form.getByRole('button', { name: 'Send introduction' }).click();
    await form.getByText('Your introduction of R.T.').waitFor();
    expect(
      await jo.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('wh-draft:')).length),
    ).to.equal(0);
    expect(await jo.evaluate(() => localStorage.length)).to.equal(0);
  });

  it('given Sam has the decline form open in one tab and accepts in another, when the old form is sent, then it is replaced by the current card with "You already accepted"', async () => {
    introduce();
    await p.settle();
    const first = await open(p.people.contact);
    const second = await open(p.people.contact);
    const id = await first.locator('.message').first().getAttribute('id');
    const oldTab = first.locator(`#${id}`);
    await oldTab.getByRole('button', { name: 'Decline' }).click();
    await oldTab.getByLabel('No capacity right now').check();
    await second.locator(`#${id}`).getByRole('button', { name: 'Accept' }).click();
    await second.locator(`#${id}`).getByRole('button', { name: "We've made contact" }).waitFor();

    await oldTab.getByRole('button', { name: 'Decline' }).click();
    await oldTab
      .getByText('You already accepted this introduction on Mon 7 Dec, 10:00. Here it is as it stands now.')
      .waitFor();
    await oldTab.getByRole('button', { name: "We've made contact" }).waitFor();
    expect(await oldTab.getByRole('radiogroup').count()).to.equal(0);
    expect(await oldTab.textContent()).not.to.include('Sam Patel already accepted');
    expect((p.db.prepare('SELECT state FROM handovers').get() as { state: string }).state).to.equal('accepted');
  });

  it('given Jo is watching the receipt, when Sam accepts, then the change is announced as "Updated:" with the client and the state', async () => {
    const h = introduce();
    await p.settle();
    const jo = await open(p.people.introducer);
    const receipt = jo.locator('.message').filter({ hasText: 'Your introduction of R.T.' });
    await receipt.waitFor();
    p.handoverService.act(h.id, { type: 'accept', actorId: p.people.contact });
    await p.settle();
    await jo
      .getByRole('status')
      .getByText(`Updated: Your introduction to ${SERVICE_NAME}: accepted, client R.T.`)
      .waitFor();
    expect(await receipt.getAttribute('aria-label')).to.equal(
      `Your introduction to ${SERVICE_NAME}: accepted, client R.T.`,
    );
  });
});

async function expectValue(locator: ReturnType<Page['locator']>, value: string): Promise<void> {
  await locator.waitFor();
  await locator
    .page()
    .waitForFunction(([el, v]) => (el as HTMLInputElement).value === v, [
      await locator.elementHandle(),
      value,
    ] as const);
}
