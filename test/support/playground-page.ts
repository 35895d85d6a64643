// The browser playground as the e2e tests drive it: open it as someone, find a chat message, open and fill the
// introduce form as a person would.
import type { Browser, Locator, Page } from 'playwright-core';
import { collectPageProblems } from './chromium.ts';

/** How long one step may take in the browser tests before it fails with playwright's own message. */
export const PLAYGROUND_WAIT_MS = 10_000;
/** The demo service the journeys introduce clients to. */
export const DEMO_SERVICE_NAME = 'Wellbeing support for anxiety and low mood';

export interface OpenOptions {
  width?: number;
  height?: number;
  /** Live updates blocked: wait for the messages instead. */
  offline?: boolean;
  /** Wait for the guided tour's steps too. */
  tour?: boolean;
  /** Collects every console error, script error and answer of 400 or more the page gets. */
  problems?: string[];
  /** Where the test keeps its pages to close them after each test. */
  pages?: Page[];
}

/** The playground as `personId`, once its live updates are connected (or, offline, once its messages show). */
export async function openPlaygroundAs(
  browser: Browser,
  url: string,
  personId: string,
  options: OpenOptions = {},
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: options.width ?? 900, height: options.height ?? 1000 } });
  options.pages?.push(page);
  page.setDefaultTimeout(PLAYGROUND_WAIT_MS);
  const problems = options.problems;
  if (problems) {
    collectPageProblems(page, problems);
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
  }
  if (options.offline) await page.route('**/playground/api/events*', (route) => route.abort());
  await page.goto(`${url}/?as=${personId}`);
  await page.waitForSelector(options.offline ? '#messages' : 'body[data-live="yes"]');
  if (options.tour) await page.waitForSelector('#tour-steps li');
  return page;
}

/** The chat message that first showed this text, followed by its id as its card changes. */
export async function messageWith(page: Page, text: string): Promise<Locator> {
  const first = page.locator('.message').filter({ hasText: text }).first();
  await first.waitFor();
  return page.locator(`#${await first.getAttribute('id')}`);
}

/**
 * Searches the directory for "anxiety", opens the introduce form for the demo service and fills in the client's
 * required answers (not consent); returns the form.
 */
export async function fillIntroduceForm(
  page: Page,
  needs = 'Feeling anxious about going back to work.',
): Promise<Locator> {
  await page.click('button[data-view="introduce"]');
  await page.fill('#q', 'anxiety');
  await page.click('#search-form button[type="submit"]');
  await page.getByRole('button', { name: `Introduce a client to ${DEMO_SERVICE_NAME}` }).click();
  const form = page.locator('#intro-card');
  await form.getByLabel('Client first name or initials').fill('R.T.');
  await form.getByLabel('What they want help with, in their own words').fill(needs);
  await form.getByLabel('Why this service').fill('One-to-one support close to home.');
  await form.getByLabel('How they prefer to be contacted').fill('Phone, afternoons');
  return form;
}
