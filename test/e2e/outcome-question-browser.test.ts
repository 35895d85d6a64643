// The outcome question in the playground, in headless Debian Chromium: the real Adaptive Cards renderer shows
// Yes / Couldn't reach / Not yet on Jo's receipt, and pressing one closes the introduction in place.
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { keepScreenshot, launchChromiumOrSkip } from '../support/chromium.ts';
import { startPlayground, type RunningPlayground } from '../support/start-playground.ts';
import { messageWith, openPlaygroundAs } from '../support/playground-page.ts';

describe('playground in a browser: the outcome question', function () {
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

  it('given Sam accepted and Jo was asked, when Jo presses "Couldn\'t reach" on her receipt, then it shows closed with "Client could not be reached"', async () => {
    const h = p.handoverService.introduce(p.people.introducer, {
      serviceId: 'mind-lambeth-wellbeing',
      clientName: 'R.T.',
      needs: 'Feeling anxious.',
      reasonForService: 'Close to home.',
      contactMethod: 'Phone',
      consent: true,
    });
    p.handoverService.act(h.id, { type: 'accept', actorId: p.people.contact });
    p.handoverService.act(h.id, { type: 'ask_outcome', actorId: 'system' });
    await p.settle();
    const page = await openPlaygroundAs(browser, p.url, p.people.introducer);
    const receipt = await messageWith(page, 'Your introduction of R.T.');
    await receipt.getByText('Did R.T. get in touch with Mind in Lambeth?').waitFor();
    for (const name of ['Yes', "Couldn't reach", 'Not yet'])
      await receipt.getByRole('button', { name, exact: true }).waitFor();
    await keepScreenshot(page, 'outcome-question.png');
    await receipt.getByRole('button', { name: "Couldn't reach", exact: true }).click();
    await receipt.getByText(/Closed on .*: Client could not be reached\./).waitFor();
    expect(await receipt.getByRole('button', { name: 'Not yet', exact: true }).count()).to.equal(0);
    expect(p.handovers.find(h.id)).to.deep.include({ state: 'closed', outcome: 'unreachable' });
    await page.close();
  });
});
