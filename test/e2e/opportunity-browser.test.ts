// Peer groups in the playground, in headless Chromium: post an opportunity from the channel view, see its card arrive
// in the channel, open "Introduce a client to this" in your own pane (never in the channel), and see the card read
// Closed after the deadline has passed.
import { expect } from 'chai';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from '../../src/main/start.ts';
import { readConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { DEMO_PEER_GROUP, DEMO_PEOPLE, DEMO_SERVICE_ID } from '../../src/directory-io/demo-directory.ts';
import { launchChromiumOrSkip, keepScreenshot } from '../support/chromium.ts';
import { DAY_MS, FixedClock, tempDir } from '../support/make.ts';

const WAIT_MS = 10_000;
const DISPATCH_TICK_MS = 100;
/** Issue 4: readable at 320 px wide. */
const NARROW = 320;

describe('peer-group opportunities in the playground, in a browser', function () {
  this.timeout(60_000);
  let browser: Browser;
  let app: RunningApp;
  let tmp: ReturnType<typeof tempDir>;
  let clock: FixedClock;

  before(async function () {
    browser = await launchChromiumOrSkip(this);
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    tmp = tempDir('opportunity-browser-');
    clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));
    const config = readConfig({ PORT: '0', DATABASE_PATH: join(tmp.dir, 'handover.db') });
    app = await startApp(config, createLogger('silent'), { clock, dispatchIntervalMs: DISPATCH_TICK_MS });
  });
  afterEach(async () => {
    await app?.stop();
    tmp?.cleanup();
  });

  async function open(personId: string, width = 900): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 1400 } });
    page.setDefaultTimeout(WAIT_MS);
    await page.goto(`${app.url}/?as=${personId}`);
    await page.waitForSelector('body[data-live="yes"]');
    await page.click('button[data-view="channel"]');
    await page.locator(`#channel-${DEMO_PEER_GROUP.channelId}`).waitFor();
    return page;
  }

  async function post(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Post an opportunity' }).click();
    const form = page.locator('#post-card');
    await form.getByLabel('Title').fill('Confidence and CV course');
    await form.getByLabel('Who runs it').fill('Southwark Works');
    await form.getByLabel('What kind of opportunity').selectOption('course');
    await form.getByLabel(/^Apply by/).fill('2026-11-30');
    await form.getByLabel('Who it is for').fill('Adults looking for work');
    await form.getByLabel('How to join').fill('Introduce them here, or call 020 7946 0000');
    await form.getByLabel(/^Directory service/).selectOption(DEMO_SERVICE_ID);
    await keepScreenshot(page, 'opportunity-post-form.png');
    await form.getByRole('button', { name: 'Post opportunity' }).click();
    await form.getByText('Opportunity posted').waitFor();
  }

  it('Priya posts a course from the channel view; its card appears in the channel, and after the deadline it reads Closed', async () => {
    const page = await open(DEMO_PEOPLE.peer);
    await post(page);
    const channel = page.locator(`#channel-${DEMO_PEER_GROUP.channelId}`);
    await channel.getByText('Confidence and CV course').first().waitFor();
    await channel.getByRole('button', { name: 'Introduce a client to this' }).waitFor();
    await keepScreenshot(page, 'opportunity-posted.png');

    clock.advance(8 * DAY_MS);
    app.nudges.sweep();
    await channel.getByText('Closed: Confidence and CV course').waitFor();
    expect(await channel.getByRole('button', { name: 'Introduce a client to this' }).count()).to.equal(0);
    expect(await channel.locator('.message').count(), 'the same card, updated in place').to.equal(1);
    await keepScreenshot(page, 'opportunity-closed.png');
  });

  it('Jo clicks "Introduce a client to this" in the channel: the introduce form opens in Jo’s own pane, and the channel shows no form', async () => {
    await post(await open(DEMO_PEOPLE.peer));
    const page = await open(DEMO_PEOPLE.introducer, NARROW);
    const channel = page.locator(`#channel-${DEMO_PEER_GROUP.channelId}`);
    await channel.getByRole('button', { name: 'Introduce a client to this' }).click();
    const pane = page.locator('#intro-card');
    await pane.getByLabel('Client first name or initials').waitFor();
    const [o] = app.opportunities.list();
    expect(await pane.locator(`option[value="${o.id}"]`).textContent()).to.equal('Confidence and CV course');
    await keepScreenshot(page, 'opportunity-introduce-form-320.png');
    expect(await page.locator('#view-channel').isHidden()).to.equal(true);
    expect(await channel.locator('input, textarea').count()).to.equal(0);
    await pane.getByLabel('Client first name or initials').fill('R.T.');
    await pane.getByLabel('What they want help with, in their own words').fill('Wants to rebuild confidence');
    await pane.getByLabel('Why this service').fill('The course fits');
    await pane.getByLabel('How they prefer to be contacted').fill('Phone');
    await pane.getByRole('checkbox', { name: /client agreed/ }).check();
    await pane.getByRole('button', { name: 'Send introduction' }).click();
    await pane.getByText('Your introduction of R.T.').waitFor();
    await keepScreenshot(page, 'opportunity-introduce-sent-320.png');
    await page.click('button[data-view="channel"]');
    await channel.getByText('Confidence and CV course').first().waitFor();
    expect(await channel.innerText()).not.to.contain('R.T.');
  });
});
