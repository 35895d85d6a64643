// The reports page in headless Chromium (Debian's chromium via playwright-core): sign in, filter a seeded month,
// compare the numbers on the page with the same query in SQL, download a CSV, keep screenshots to look at.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { collectPageProblems, launchChromiumOrSkip, keepScreenshot } from '../support/chromium.ts';
import { startReportsServer, type ReportsServer } from '../support/reports-server.ts';

const TOKEN = 'browser-test-admin-token-0123456789abcdefghijklmnop';
const OCTOBER_START = '2026-09-30T23:00:00.000Z';
const OCTOBER_END = '2026-11-01T00:00:00.000Z';

async function cellTexts(page: Page, tableId: string): Promise<string[][]> {
  return page.$$eval(`#${tableId} tbody tr`, (rows) =>
    rows.map((r) => Array.from(r.children).map((c) => (c.textContent ?? '').trim())),
  );
}

describe('reports page in a real browser', function () {
  this.timeout(60_000);
  let browser: Browser;
  let s: ReportsServer;
  let page: Page;
  const problems: string[] = [];

  before(async function () {
    browser = await launchChromiumOrSkip(this);
    s = await startReportsServer({ ADMIN_TOKEN: TOKEN });
    page = await (
      await browser.newContext({
        acceptDownloads: true,
        locale: 'en-GB',
        timezoneId: 'Europe/London',
        viewport: { width: 1280, height: 900 },
      })
    ).newPage();
    collectPageProblems(page, problems);
  });

  after(async () => {
    await browser?.close();
    await s?.stop();
  });

  const count = (sql: string, ...params: unknown[]) => (s.container.db.prepare(sql).get(...params) as { n: number }).n;

  it('given the admin token, a coordinator signs in and filters October', async () => {
    const first = await page.goto(`${s.url}/reports`);
    expect(first!.status()).to.equal(401);
    problems.length = 0; // the browser reports the expected 401 of the sign-in page as a console error
    await page.getByLabel('Admin token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${s.url}/reports`);
    await page.getByLabel('From (introduced on or after)').fill('2026-10-01');
    await page.getByLabel('To (introduced on or before)').fill('2026-10-31');
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.waitForURL(/from=2026-10-01/);
    await page.waitForSelector('html[data-charts-ready="true"]');
    expect(
      await page.evaluate(
        () => Object.keys((window as unknown as { Chart: { instances: object } }).Chart.instances).length,
      ),
    ).to.equal(9);
  });

  it('the totals on the page are the same as counting in SQL', async () => {
    const rows = Object.fromEntries((await cellTexts(page, 'table-summary')).map(([k, v]) => [k, Number(v)]));
    const inOctober = `created_at >= '${OCTOBER_START}' AND created_at < '${OCTOBER_END}'`;
    expect(rows['Introductions sent']).to.equal(count(`SELECT count(*) n FROM handovers WHERE ${inOctober}`));
    expect(rows['Accepted']).to.equal(
      count(`SELECT count(*) n FROM handovers WHERE ${inOctober} AND accepted_at IS NOT NULL`),
    );
    expect(rows['Declined']).to.equal(
      count(`SELECT count(*) n FROM handovers WHERE ${inOctober} AND state = 'declined'`),
    );
    expect(rows['Expired without an answer']).to.equal(
      count(`SELECT count(*) n FROM handovers WHERE ${inOctober} AND state = 'expired'`),
    );
    expect(rows['Made contact']).to.equal(
      count(
        `SELECT count(*) n FROM handovers WHERE ${inOctober} AND (contact_made_at IS NOT NULL OR outcome = 'contact_made')`,
      ),
    );
  });

  it('declines for lack of capacity per service are the same as in SQL, with exact small numbers on the page', async () => {
    const rows = await cellTexts(page, 'table-declines_by_service');
    const noCapacity = s.container.db
      .prepare(`SELECT s.name, count(h.id) n FROM services s LEFT JOIN handovers h ON h.service_id = s.id
      AND h.state = 'declined' AND h.decline_reason = 'no_capacity' AND h.created_at >= ? AND h.created_at < ? GROUP BY s.id`)
      .all(OCTOBER_START, OCTOBER_END) as Array<{ name: string; n: number }>;
    for (const { name, n } of noCapacity) {
      const row = rows.find((r) => r[0] === name)!;
      expect(Number(row[2]), name).to.equal(n);
    }
    expect(rows.flat()).not.to.include('<5');
  });

  it('given a service chosen in the filter, the figures change to that service only', async () => {
    await page.getByLabel('Service', { exact: true }).selectOption('svc-debt');
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.waitForURL(/service=svc-debt/);
    await page.waitForSelector('html[data-charts-ready="true"]');
    const rows = Object.fromEntries((await cellTexts(page, 'table-summary')).map(([k, v]) => [k, Number(v)]));
    expect(rows['Introductions sent']).to.equal(
      count(
        `SELECT count(*) n FROM handovers WHERE service_id = 'svc-debt' AND created_at >= ? AND created_at < ?`,
        OCTOBER_START,
        OCTOBER_END,
      ),
    );
    await keepScreenshot(page, 'reports-debt-line.png');
  });

  it('the CSV download has the same figures, with small counts as "<5"', async () => {
    await page.goto(`${s.url}/reports?from=2026-10-01&to=2026-10-31`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download “Declines by reason, per service” as CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).to.equal('declines_by_service-2026-10-01-to-2026-10-31.csv');
    expect(csv.split('\n')[0]).to.equal(
      'Service,Organisation,No capacity right now,Not eligible,Not the right service,Already known to us,Other,All declines,Introductions sent',
    );
    const pageRows = await cellTexts(page, 'table-declines_by_service');
    const csvRows = csv
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(csvRows.map((r) => r[0])).to.deep.equal(pageRows.map((r) => r[0]));
    for (let i = 0; i < csvRows.length; i++) {
      for (let j = 2; j < csvRows[i].length; j++) {
        const exact = Number(pageRows[i][j]);
        expect(csvRows[i][j]).to.equal(exact > 0 && exact < 5 ? '<5' : String(exact));
      }
    }
  });

  it('the page works by keyboard: Tab goes through sign out, then the filters in order, then the button', async () => {
    await page.goto(`${s.url}/reports?from=2026-10-01&to=2026-10-31`);
    const stops: string[] = [];
    for (let i = 0; i < 20 && !stops.includes('Show figures'); i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(
        () => document.activeElement?.id || document.activeElement?.textContent?.trim() || '',
      );
      if (stops[stops.length - 1] !== id) stops.push(id);
    }
    expect(stops).to.deep.equal(['Sign out', 'from', 'to', 'service', 'organisation', 'category', 'Show figures']);
  });

  it('at 320 px wide nothing spills sideways (SCREENSHOTS=on keeps pictures of it)', async () => {
    await keepScreenshot(page, 'reports-1280.png');
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(`${s.url}/reports?from=2026-10-01&to=2026-10-31`);
    await page.waitForSelector('html[data-charts-ready="true"]');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).to.be.at.most(0);
    await keepScreenshot(page, 'reports-320.png');
    await keepScreenshot(page, 'reports-320-top.png', { fullPage: false });
    await keepScreenshot(page.locator('#declines_by_service'), 'reports-320-declines.png', { fullPage: false });
  });

  it('nothing on the page was blocked or failed (no console errors, no CSP violations)', () => {
    expect(problems).to.deep.equal([]);
  });
});
