// "My introductions" in the browser playground, in Debian's Chromium: the view lists what is waiting for you and
// what you introduced, its Accept works from there, axe-core finds nothing on it, and the channel never names a client.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { axeViolations } from '../support/axe.ts';
import { launchChromiumOrSkip } from '../support/chromium.ts';
import { eventually } from '../support/eventually.ts';
import { openPlaygroundAs } from '../support/playground-page.ts';
import { startPlayground, type RunningPlayground } from '../support/start-playground.ts';

const MONDAY_10AM = new Date('2026-12-07T10:00:00Z');

describe('my introductions in the browser playground', function () {
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
    p = await startPlayground({ clock: { now: () => MONDAY_10AM } });
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
    await p?.stop();
  });

  function open(personId: string): Promise<Page> {
    return openPlaygroundAs(browser, p.url, personId, { width: 1280, height: 800, problems, pages });
  }

  function introduce(clientName: string) {
    return p.handoverService.introduce(p.people.introducer, {
      serviceId: 'mind-lambeth-wellbeing',
      clientName,
      needs: 'Feeling anxious about work.',
      reasonForService: 'Close to home.',
      contactMethod: 'Phone',
      consent: true,
    });
  }

  it('given Jo introduced Robin, when Sam presses "My introductions" and Accept there, then the introduction is accepted, the list follows a new one, and Jo sees hers with Open', async () => {
    const h = introduce('Robin');
    await p.settle();
    const sam = await open(p.people.contact);
    await sam.getByRole('button', { name: 'My introductions', exact: true }).click();
    const mine = sam.locator('#my-card');
    await mine.getByText('Robin from Jo Rivers', { exact: false }).waitFor();
    await sam.locator('#status').getByText('My introductions: 1 waiting for you').waitFor();
    expect(await sam.locator('#view-inbox').isHidden()).to.equal(true);
    expect(await axeViolations(sam)).to.deep.equal([]);

    await mine.getByRole('button', { name: 'Accept' }).click();
    await mine
      .getByText(/accepted/i)
      .first()
      .waitFor();
    await eventually(() => p.handovers.find(h.id)?.state === 'accepted', 'the introduction is accepted');
    await sam.getByRole('button', { name: 'My introductions', exact: true }).click();
    await mine.getByText('make contact by', { exact: false }).waitFor();
    expect(await mine.getByRole('button', { name: 'Accept' }).count()).to.equal(0);
    introduce('Kim');
    await mine.getByText('Kim from Jo Rivers', { exact: false }).waitFor();
    expect(await mine.getByRole('button', { name: 'Accept' }).count(), 'the list follows what arrives').to.equal(1);

    const jo = await open(p.people.introducer);
    await jo.getByRole('button', { name: 'My introductions', exact: true }).click();
    const joMine = jo.locator('#my-card');
    await joMine.getByText('Robin to Sam Patel at', { exact: false }).waitFor();
    await joMine.getByText('Kim to Sam Patel at', { exact: false }).waitFor();
    await joMine.getByText('Nothing is waiting for you.').waitFor();
    await joMine.getByRole('button', { name: 'Open' }).last().click();
    await joMine
      .getByText(/Sam Patel/)
      .first()
      .waitFor();

    await jo.getByRole('button', { name: 'Channel', exact: true }).click();
    await jo.locator('#view-channel').waitFor();
    expect(await jo.locator('#view-channel').textContent()).to.not.include('Robin');
    expect(problems).to.deep.equal([]);
  });
});
