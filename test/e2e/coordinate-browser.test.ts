// The coordinator pages in headless Chromium (Debian's chromium via playwright-core), without page scripts: sign in,
// edit a service, dry-run and apply an import, retry an undelivered message; axe-core finds no violations.
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DirectoryAuditStore } from '../../src/storage/directory-audit-store.ts';
import { axeViolations } from '../support/axe.ts';
import { collectPageProblems, launchChromiumOrSkip, keepScreenshot } from '../support/chromium.ts';
import { GOOD_CSV, startCoordinateServer, type CoordinateServer } from '../support/coordinate-server.ts';

const TOKEN = 'coordinate-browser-admin-token-0123456789abcdefghij';
describe('coordinator pages in a real browser', function () {
  this.timeout(240_000); // axe-core takes seconds per page on a busy 2-core machine
  let browser: Browser;
  let s: CoordinateServer;
  let page: Page;
  const problems: string[] = [];

  before(async function () {
    browser = await launchChromiumOrSkip(this);
    s = await startCoordinateServer({ ADMIN_TOKEN: TOKEN });
    // Scripts off: every form must work as plain HTML.
    const context = await browser.newContext({
      javaScriptEnabled: false,
      locale: 'en-GB',
      timezoneId: 'Europe/London',
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
    page.setDefaultTimeout(5000);
    collectPageProblems(page, problems);
  });

  after(async () => {
    await browser?.close();
    await s?.stop();
  });

  let scripted: { context: BrowserContext; page: Page } | undefined;

  /** axe needs scripts: the same address in one scripted page that carries this session's cookie. */
  async function checkAccessibility(path: string): Promise<string[]> {
    if (!scripted) {
      const context = await browser.newContext({ locale: 'en-GB', bypassCSP: true });
      scripted = { context, page: await context.newPage() };
    }
    await scripted.context.clearCookies();
    await scripted.context.addCookies(await page.context().cookies());
    await scripted.page.goto(`${s.url}${path}`);
    return (await axeViolations(scripted.page)).map((v) => `${v.rule}: ${v.help} (${v.targets.join(', ')})`);
  }

  it('given the admin token, a coordinator signs in and sees the directory with capacity and review markers', async () => {
    const first = await page.goto(`${s.url}/coordinate`);
    expect(first!.status()).to.equal(401);
    problems.length = 0; // the expected 401 of the sign-in page shows as a console error
    await page.getByLabel('Admin token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${s.url}/coordinate`);
    const rows = await page.$$eval('tbody tr', (trs) =>
      trs.map((tr) => (tr.textContent ?? '').replace(/\s+/g, ' ').trim()),
    );
    expect(rows.find((r) => r.startsWith('Money advice')))
      .to.contain('Waiting list')
      .and.contain('Helen Park, no backup');
    await page.getByLabel('Search the directory').fill('walk');
    await page.getByRole('button', { name: 'Search' }).click();
    expect(await page.$$eval('tbody tr', (trs) => trs.length)).to.equal(1);
    await keepScreenshot(page, 'coordinate-1-directory.png');
    expect(await checkAccessibility('/coordinate')).to.deep.equal([]);
  });

  it('when the coordinator edits a service with a mistake, the field says what to fix; corrected, the change is saved and audited with their name', async () => {
    await page.goto(`${s.url}/coordinate/services/money-advice`);
    await page.getByLabel('Working days to reply to an introduction').fill('0');
    await page.getByLabel('Capacity').selectOption('limited');
    await page.getByLabel('Your name').fill('Dee Okafor');
    await page.getByRole('button', { name: 'Save changes' }).click();
    expect(await page.locator('.error-summary').textContent()).to.contain(
      'Reply-by days must be between 1 and 60 working days.',
    );
    await keepScreenshot(page, 'coordinate-2-field-error.png');
    expect(await checkAccessibility('/coordinate/services/money-advice')).to.deep.equal([]);
    await page.getByRole('link', { name: 'Reply-by days must be between 1 and 60 working days.' }).click();
    await page.getByLabel('Working days to reply to an introduction').fill('3');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/saved=money-advice/);
    expect(await page.getByRole('status').textContent()).to.contain('Saved: Money advice.');
    expect(s.container.services.get('money-advice')).to.deep.include({ replyByDays: 3, capacity: 'limited' });
    expect(new DirectoryAuditStore(s.container.db).recent()[0]).to.deep.include({
      actor: 'Dee Okafor',
      action: 'service_edited',
    });
  });

  it('when the coordinator pastes a file, a dry run lists what would change without writing; applying writes it all', async () => {
    await page.goto(`${s.url}/coordinate/import`);
    const changed = GOOD_CSV.replace(',Limited places,3,', ',closed,3,');
    await page.getByLabel("The file's contents").fill(changed);
    await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
    const main = await page.textContent('main');
    expect(main).to.contain('Dry run: nothing has been written yet').and.contain('Changed services: 2');
    expect(s.container.services.get('walk-talk')!.capacity).to.equal('limited');
    await keepScreenshot(page, 'coordinate-3-dry-run.png');
    await page.getByRole('button', { name: 'Apply this import' }).click();
    expect(await page.getByRole('status').textContent()).to.contain('Imported');
    expect(s.container.services.get('walk-talk')!.capacity).to.equal('closed');
  });

  it('when a file has a bad line, the problem is shown with its line number and nothing is imported', async () => {
    await page.goto(`${s.url}/coordinate/import`);
    await page
      .getByLabel("The file's contents")
      .fill(GOOD_CSV.replace('Helen Park,helen.park@example.org', 'Helen Park,not-an-address'));
    await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
    expect(await page.locator('.error-summary').textContent())
      .to.contain('line 4')
      .and.contain('The contact e-mail is not a valid e-mail address.');
    expect(await checkAccessibility('/coordinate/import')).to.deep.equal([]);
  });

  it('when the coordinator retries an undelivered message, it is queued again and the retry is audited', async () => {
    await page.goto(`${s.url}/coordinate/messages`);
    expect(await page.textContent('main')).to.contain('permanent: channel_not_found');
    await page.getByRole('button', { name: `Retry message ${s.deadMessageId}` }).click();
    expect(await page.getByRole('status').textContent()).to.contain('will be sent again');
    expect(
      new (await import('../../src/storage/outbox-store.ts')).OutboxStore(s.container.db).get(s.deadMessageId)!.status,
    ).to.equal('pending');
    expect(new DirectoryAuditStore(s.container.db).recent()[0]).to.deep.include({
      actor: 'Dee Okafor',
      action: 'message_retried',
    });
    await keepScreenshot(page, 'coordinate-4-messages.png');
  });

  it('the people, reviews, timeline and changes pages have no accessibility violations', async () => {
    for (const path of [
      '/coordinate/people',
      '/coordinate/reviews',
      '/coordinate/timeline',
      '/coordinate/audit',
      '/coordinate/services/new',
    ]) {
      expect(await checkAccessibility(path), path).to.deep.equal([]);
    }
    // A form sent back with a field to fix answers 422 on purpose; the browser logs that as a failed load.
    expect(problems.filter((p) => !/status of 422/.test(p))).to.deep.equal([]);
  });
});
