// The e-mail link page in headless Chromium (Debian's chromium via playwright-core): open the link from the mail,
// ask for a code, type the code from the second mail, open the decline form and cancel, accept, all by keyboard
// and mouse as a person would. Screenshots go to test-output/screenshots/ to look at.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { collectPageProblems, launchChromiumOrSkip, keepScreenshot } from '../support/chromium.ts';
import { SAM_ADDRESS, codeIn, linksIn, makeEmailWorld, type EmailWorld } from '../support/email-world.ts';

describe('e-mail link page in a real browser', function () {
  this.timeout(60_000);
  let browser: Browser;
  let w: EmailWorld;
  let page: Page;
  let handoverId: string;
  const problems: string[] = [];

  before(async function () {
    browser = await launchChromiumOrSkip(this);
    w = await makeEmailWorld();
    handoverId = w.introduce();
    await w.deliver();
    page = await (
      await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London', viewport: { width: 1024, height: 900 } })
    ).newPage();
    collectPageProblems(page, problems);
  });

  after(async () => {
    await browser?.close();
    await w?.stop();
  });

  it('given the link from the mail, the contact confirms the code and accepts the introduction', async () => {
    const link = linksIn(w.sink.to(SAM_ADDRESS)[0])[0];
    await page.goto(link);
    await expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Check it’s you');
    expect(await page.content()).not.to.contain('R.T.');
    await keepScreenshot(page, 'email-1-check-its-you.png');

    await page.getByRole('button', { name: 'Send me a code' }).click();
    const codeBox = page.getByLabel(/Code from the e-mail we sent to s\*\*\*@example\.org/);
    await codeBox.waitFor();
    await codeBox.fill(codeIn(w.sink.to(SAM_ADDRESS)[1]));
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Accept' }).waitFor();
    const title = await page.getByRole('heading', { level: 1 }).textContent();
    expect(title).to.equal('Introduction from Jo Rivers: R.T.');
    expect(await page.textContent('main')).to.contain('Feeling anxious about starting work again.');
    await keepScreenshot(page, 'email-2-introduction.png');

    await page.getByRole('button', { name: 'Decline' }).click();
    await page.getByRole('group', { name: 'Reason' }).waitFor();
    await keepScreenshot(page, 'email-3-decline-form.png');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Accept' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: "We've made contact" }).waitFor();
    expect(w.handovers.find(handoverId)!.state).to.equal('accepted');
    expect(await page.textContent('main')).to.contain('07700 900123');
    await keepScreenshot(page, 'email-4-accepted.png');
    expect(problems).to.deep.equal([]);
  });

  it('at 320 px wide, nothing spills sideways', async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.reload();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    await keepScreenshot(page, 'email-5-narrow.png');
    expect(overflow).to.equal(0);
  });

  it('a link opened again in another browser asks for a new code and shows nothing about the client', async () => {
    const other = await (await browser.newContext()).newPage();
    const link = linksIn(w.sink.to(SAM_ADDRESS)[0])[0];
    const res = await other.goto(link);
    expect(res!.status()).to.equal(200);
    expect(await other.getByRole('heading', { level: 1 }).textContent()).to.equal('Check it’s you');
    expect(await other.content()).not.to.contain('R.T.');
    await keepScreenshot(other, 'email-6-used.png');
  });
});
