// Issue 24: the playground for everyone, in Debian's Chromium. axe-core finds nothing on any view at desktop and
// phone sizes; the focus ring is measured from computed styles; the inbox is used with the keyboard alone.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from '../../src/main/start.ts';
import { readConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { DEMO_PEER_GROUP, DEMO_PEOPLE, DEMO_SERVICE_ID } from '../../src/directory-io/demo-directory.ts';
import { axeViolations, type AxeFinding } from '../support/axe.ts';
import { launchChromiumOrSkip, keepScreenshot } from '../support/chromium.ts';
import { FixedClock, tempDir } from '../support/make.ts';
import { messageWith, openPlaygroundAs } from '../support/playground-page.ts';

const MONDAY_10AM = new Date('2026-12-07T10:00:00Z');
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];
const MEASURE_RING = readFileSync(join(import.meta.dirname, '../support/measure-focus-ring.js'), 'utf8');
/** Seven views at two sizes are 14 axe-core runs, about 15 s on a 2-core machine; leave room for a loaded one. */
const AXE_JOURNEY_MS = 180_000;
/** WCAG 2.2 non-text contrast for a focus indicator. */
const MIN_RING_CONTRAST = 3;

interface RingMeasure {
  name: string;
  focusVisible: boolean;
  ringWidth: number;
  clippedBy: string | null;
  background: string;
  innerContrast: number;
  outerContrast: number;
  innerOuterContrast: number;
}

function introduce(app: RunningApp, clientName: string): string {
  return app.container.handoverService.introduce(DEMO_PEOPLE.introducer, {
    serviceId: DEMO_SERVICE_ID,
    clientName,
    needs: 'Feeling anxious about going back to work.',
    reasonForService: 'Close to home.',
    contactMethod: 'Phone',
    contactDetails: '07700 900123',
    consent: true,
  }).id;
}

describe('the playground is usable by everyone (issue 24)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let app: RunningApp;
  let tmp: ReturnType<typeof tempDir>;
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
    tmp = tempDir('playground-a11y-');
    const config = readConfig({ PORT: '0', DATABASE_PATH: join(tmp.dir, 'handover.db') });
    app = await startApp(config, createLogger('silent'), {
      clock: new FixedClock(MONDAY_10AM),
      dispatchIntervalMs: 50,
    });
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
    await app?.stop();
    tmp?.cleanup();
  });

  function open(personId: string, viewport = VIEWPORTS[0]): Promise<Page> {
    return openPlaygroundAs(browser, app.url, personId, { ...viewport, tour: true, problems, pages });
  }

  it(`given every view at ${VIEWPORTS.map((v) => `${v.width}×${v.height}`).join(' and at ')}, when axe-core checks it, then it reports no violations`, async function () {
    this.timeout(AXE_JOURNEY_MS);
    introduce(app, 'R.T.');
    const found: Record<string, AxeFinding[]> = {};
    /** axe at every viewport size in turn (the layout follows the width), then back to the first size. */
    const check = async (page: Page, what: string, screenshot?: string) => {
      for (const size of VIEWPORTS) {
        await page.setViewportSize(size);
        found[`${what} at ${size.width}px`] = await axeViolations(page);
        if (screenshot) await keepScreenshot(page, `${screenshot}-${size.width}.png`);
      }
      await page.setViewportSize(viewport);
    };
    const viewport = VIEWPORTS[0];
    const sam = await open(DEMO_PEOPLE.contact, viewport);
    const card = await messageWith(sam, 'Introduction from Jo Rivers');
    await card.getByRole('button', { name: 'Accept' }).waitFor();
    await check(sam, 'inbox with a card');
    await card.getByRole('button', { name: 'Decline' }).click();
    await card.getByRole('radiogroup', { name: 'Reason' }).waitFor();
    await check(sam, 'decline form in a card');
    await sam.getByRole('button', { name: '+1 hour' }).click();
    await sam
      .locator('#time-moved')
      .getByText(/Simulated/)
      .waitFor();
    await check(sam, 'time banner after moving time', '24-inbox');

    const jo = await open(DEMO_PEOPLE.introducer, viewport);
    await jo.getByRole('button', { name: 'Introduce a client', exact: true }).click();
    await jo.getByLabel('What does your client need help with?').fill('anxiety');
    await jo.getByRole('button', { name: 'Search' }).click();
    await jo.getByRole('button', { name: 'Introduce a client to Wellbeing support for anxiety and low mood' }).click();
    const form = jo.locator('#intro-card');
    await form.getByRole('button', { name: 'Send introduction' }).waitFor();
    await check(jo, 'introduce form');
    await form.getByRole('button', { name: 'Send introduction' }).click();
    await form.locator('.error-summary').waitFor();
    await check(jo, 'introduce form with errors', '24-introduce-errors');

    const priya = await open(DEMO_PEOPLE.peer, viewport);
    await priya.getByRole('button', { name: 'Channel', exact: true }).click();
    await priya.locator(`#channel-${DEMO_PEER_GROUP.channelId}`).waitFor();
    await priya.getByRole('button', { name: 'Post an opportunity' }).click();
    const post = priya.locator('#post-card');
    await post.getByLabel('Title').fill(`CV course ${viewport.width}`);
    await post.getByLabel('Who runs it').fill('Southwark Works');
    await post.getByLabel('What kind of opportunity').selectOption('course');
    await post.getByLabel(/^Apply by/).fill('2026-12-30');
    await post.getByLabel('Who it is for').fill('Adults looking for work');
    await post.getByLabel('How to join').fill('Introduce them here');
    await post.getByRole('button', { name: 'Post opportunity' }).click();
    await priya
      .locator('.channel .message')
      .filter({ hasText: `CV course ${viewport.width}` })
      .waitFor();
    await check(priya, 'channel with an opportunity');

    const reports = await browser.newPage({ viewport });
    pages.push(reports);
    await reports.goto(`${app.url}/reports`);
    await reports.waitForSelector('html[data-charts-ready="true"]');
    await check(reports, 'reports');
    const withViolations = Object.entries(found).filter(([, v]) => v.length > 0);
    expect(withViolations, JSON.stringify(withViolations, null, 1)).to.deep.equal([]);
    expect(Object.keys(found)).to.have.length(7 * VIEWPORTS.length);
    expect(problems).to.deep.equal([]);
  });

  it('given keyboard focus on a card button, a radio, a time button, a selected view button and a tour button, then the two-colour ring is at least 3:1 against its background and never clipped', async () => {
    introduce(app, 'R.T.');
    const page = await open(DEMO_PEOPLE.contact);
    const card = await messageWith(page, 'Introduction from Jo Rivers');
    await card.getByRole('button', { name: 'Decline' }).click();
    await card.getByRole('radiogroup', { name: 'Reason' }).waitFor();
    await page.keyboard.press('Tab'); // from here on the page treats focus as keyboard focus
    const targets = [
      card.getByRole('button', { name: 'Decline' }),
      card.getByRole('radio', { name: 'No capacity right now' }),
      page.getByRole('button', { name: '+1 working day' }),
      page.getByRole('button', { name: /^Inbox/ }),
      page.getByRole('button', { name: 'Switch to Jo Rivers' }),
    ];
    const measured = [];
    for (const target of targets) {
      await target.focus();
      measured.push(
        (await page.evaluate(`(${MEASURE_RING.trim().replace(/;$/, '')})(document.activeElement)`)) as RingMeasure,
      );
    }
    for (const m of measured) {
      expect(m.focusVisible, m.name).to.equal(true);
      expect(Math.max(m.innerContrast, m.outerContrast), `${m.name}: ring against ${m.background}`).to.be.at.least(
        MIN_RING_CONTRAST,
      );
      expect(m.innerOuterContrast, `${m.name}: the two colours of the ring`).to.be.at.least(MIN_RING_CONTRAST);
      expect(m.ringWidth, m.name).to.be.at.least(2);
      expect(m.clippedBy, m.name).to.equal(null);
    }
    console.log(
      `      measured focus rings: ${measured.map((m) => `${m.name}: ${m.innerContrast.toFixed(1)}:1 / ${m.outerContrast.toFixed(1)}:1 on ${m.background}`).join('; ')}`,
    );
  });

  it('given five introductions waiting, when Sam uses only the keyboard, then every tab stop is a named control, the fifth Accept is the 13th stop, and a decline with a reason goes through', async () => {
    for (const name of ['A.A.', 'B.B.', 'C.C.', 'D.D.', 'E.E.']) introduce(app, name);
    const page = await open(DEMO_PEOPLE.contact);
    await page.locator('.message').nth(4).getByRole('button', { name: 'Accept' }).waitFor();
    const names = new Set(
      await page.locator('.message').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))),
    );
    expect(names.size, 'each message has its own accessible name').to.equal(5);
    await page.locator('#main').focus();
    const stops: string[] = [];
    let accepts = 0;
    while (accepts < 5 && stops.length < 40) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const name = el.getAttribute('aria-label') || el.textContent?.trim() || '';
        return `${el.tagName.toLowerCase()}:${name}`;
      });
      stops.push(stop);
      if (stop === 'button:Accept') accepts++;
    }
    expect(
      stops.every((s) => /^(button|a|input|select|textarea):\S/.test(s)),
      stops.join(' | '),
    ).to.equal(true);
    expect(stops.length, stops.join(' | ')).to.equal(13);

    // Decline the first introduction with the keyboard alone.
    await page.locator('#main').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal('Decline');
    await page.keyboard.press('Enter');
    const first = page.locator('.message').first();
    await first.getByRole('radiogroup', { name: 'Reason' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).type)).to.equal('radio');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    for (let i = 0; i < 6 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Decline'; i++)
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await first.getByText(/Declined by Sam Patel/).waitFor();
    await first.getByText('Not eligible').first().waitFor();
    expect(problems).to.deep.equal([]);
  });
});
