// Issue 24: "move time forward" in the playground runs the real reminder rules, and their cards arrive live.
// Introduce on Monday 7 Dec 2026 10:00 (London), answer nothing, and move time forward with the banner's buttons.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { launchChromiumOrSkip, collectPageProblems, keepScreenshot } from '../support/chromium.ts';
import { openPlaygroundAs } from '../support/playground-page.ts';
import { startPlayground, type RunningPlayground } from '../support/start-playground.ts';
import { eventually } from '../support/eventually.ts';

type Announcing = Window & { announced?: string[] };

/** Keeps every text the page's live region (role=status) announces, in order. */
async function recordAnnouncements(page: Page): Promise<void> {
  await page.evaluate(() => {
    const region = document.querySelector('[role=status]') as HTMLElement;
    const w = window as Announcing;
    w.announced = [];
    new MutationObserver(() => w.announced!.push(region.textContent ?? '')).observe(region, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
}

const announced = (page: Page) => page.evaluate(() => (window as Announcing).announced ?? []);

const MONDAY_10AM = new Date('2026-12-07T10:00:00Z');
const SERVICE = 'mind-lambeth-wellbeing';

async function moveTime(page: Page, button: string, expected: string): Promise<void> {
  await page.getByRole('group', { name: 'Move time forward:' }).getByRole('button', { name: button }).click();
  await page.locator('#time-now').getByText(expected).waitFor();
}

describe('the playground moves time forward (issue 24)', function () {
  this.timeout(90_000);
  let browser: Browser;
  let p: RunningPlayground;
  const problems: string[] = [];

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
    await p?.stop();
  });

  it('given an introduction nobody answers, when time moves forward, then Sam is reminded, Alex gets the escalation card, Jo gets alternatives, and it expires', async () => {
    const h = p.handoverService.introduce(p.people.introducer, {
      serviceId: SERVICE,
      clientName: 'R.T.',
      needs: 'Feeling anxious about work.',
      reasonForService: 'Close to home.',
      contactMethod: 'Phone',
      consent: true,
    });
    await p.settle();
    const sam = await openPlaygroundAs(browser, p.url, p.people.contact, { width: 1280, height: 800 });
    const alex = await openPlaygroundAs(browser, p.url, p.people.backup, { width: 1280, height: 800 });
    const jo = await openPlaygroundAs(browser, p.url, p.people.introducer, { width: 1280, height: 800 });
    for (const page of [sam, alex, jo]) collectPageProblems(page, problems);
    await sam.locator('#time-now').getByText('Mon 7 Dec, 10:00').waitFor();
    await recordAnnouncements(sam);

    // Reply by Wednesday 10:00: nothing on Tuesday, Sam's reminder on Wednesday.
    await moveTime(sam, '+1 working day', 'Tue 8 Dec, 10:00');
    expect(await sam.locator('.message').filter({ hasText: 'Reminder' }).count()).to.equal(0);
    await moveTime(sam, '+1 working day', 'Wed 9 Dec, 10:00');
    const reminder = sam.locator('.message').filter({ hasText: 'Reminder: Jo Rivers is waiting for your reply' });
    await reminder.waitFor();
    expect(await reminder.getAttribute('aria-label')).to.match(
      /^Reminder about an introduction from Jo Rivers, client R\.T\., waiting for an answer$/,
    );
    // Several cards may change at once: the live region is read from everything it announced, not only its last words.
    await eventually(
      async () => (await announced(sam)).some((t) => /^New: Reminder about an introduction from Jo Rivers/.test(t)),
      "the reminder announced to Sam's screen reader",
      10_000,
    );
    // The other open pages follow the simulated time too.
    await jo.locator('#time-now').getByText('Wed 9 Dec, 10:00').waitFor();

    // A working day after the reply-by time: the backup is asked, the introducer is told and offered alternatives.
    await moveTime(sam, 'Next working morning', 'Thu 10 Dec, 09:00');
    expect(await alex.locator('.message').filter({ hasText: 'Can you pick this up?' }).count()).to.equal(0);
    await moveTime(sam, '+1 hour', 'Thu 10 Dec, 10:00');
    const escalation = alex.locator('.message').filter({ hasText: "Can you pick this up? Sam Patel hasn't replied" });
    await escalation.waitFor();
    await escalation.getByRole('button', { name: 'Accept' }).waitFor();
    const told = jo.locator('.message').filter({ hasText: 'backup contacts' });
    await told.getByText('Other services you could try').waitFor();
    await keepScreenshot(alex, '24-escalation-to-alex.png');

    // Ten working days after it was sent (Monday 21 Dec), it expires and Jo's receipt says so.
    const days = ['Fri 11 Dec', 'Mon 14 Dec', 'Tue 15 Dec', 'Wed 16 Dec', 'Thu 17 Dec', 'Fri 18 Dec', 'Mon 21 Dec'];
    for (const day of days) await moveTime(jo, '+1 working day', `${day}, 10:00`);
    const receipt = jo.locator('.message').filter({ hasText: 'Your introduction of R.T.' }).first();
    await receipt
      .getByText(/Expired on Mon 21 Dec/)
      .first()
      .waitFor();
    expect((p.db.prepare('SELECT state FROM handovers WHERE id = ?').get(h.id) as { state: string }).state).to.equal(
      'expired',
    );
    await keepScreenshot(jo, '24-expired-receipt.png');

    // Reset goes back to the real (here: fixed) time.
    await moveTime(jo, 'Reset to now', 'Mon 7 Dec, 10:00');
    expect(problems).to.deep.equal([]);
  });
});
