import { expect } from 'chai';
import { Agent, fetch as fetchFrom } from 'undici';
import { FIRST_BLOCK_MS, FREE_FAILURES, MAX_BLOCK_MS } from '../../src/http/admin-throttle.ts';
import { startReportsServer, type ReportsServer } from '../support/reports-server.ts';

const TOKEN = 'a-long-random-admin-token-for-tests-0123456789abcdef';

async function signIn(s: ReportsServer, token: string): Promise<Response> {
  return fetch(`${s.url}/reports/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }),
  });
}

describe('reports access', () => {
  describe('in production with ADMIN_TOKEN set', () => {
    let s: ReportsServer;
    before(async () => {
      s = await startReportsServer({ NODE_ENV: 'production', ADMIN_TOKEN: TOKEN }, { seed: false });
    });
    after(() => s.stop());

    it('given no token, the page answers 401 with a sign-in form and no figures', async () => {
      const res = await fetch(`${s.url}/reports`);
      expect(res.status).to.equal(401);
      const html = await res.text();
      expect(html).to.contain('Admin token');
      expect(html).not.to.contain('Introductions sent');
    });

    it('given no token, the data and CSV answer 401', async () => {
      expect((await fetch(`${s.url}/reports/data.json`)).status).to.equal(401);
      expect((await fetch(`${s.url}/reports/export.csv?table=summary`)).status).to.equal(401);
    });

    it('given a wrong token, sign-in answers 401 and sets no cookie', async () => {
      const res = await signIn(s, 'wrong-token');
      expect(res.status).to.equal(401);
      expect(res.headers.get('set-cookie')).to.equal(null);
      expect(await res.text()).to.contain('That token is not right.');
    });

    it('given a wrong bearer token, the data answers 401', async () => {
      expect(
        (await fetch(`${s.url}/reports/data.json`, { headers: { authorization: 'Bearer nope' } })).status,
      ).to.equal(401);
    });

    it('given the right token, sign-in sets an HttpOnly, SameSite=Strict, Secure cookie that is not the token, and the page answers 200', async () => {
      const res = await signIn(s, TOKEN);
      expect(res.status).to.equal(303);
      const cookie = res.headers.get('set-cookie')!;
      expect(cookie)
        .to.match(/HttpOnly/)
        .and.match(/SameSite=Strict/)
        .and.match(/Secure/)
        .and.match(/Path=\/;/); // one sign-in for /reports and /coordinate
      expect(cookie).not.to.contain(TOKEN);
      const page = await fetch(`${s.url}/reports`, { headers: { cookie: cookie.split(';')[0] } });
      expect(page.status).to.equal(200);
      expect(await page.text()).to.contain('Introductions sent');
      const chosen = await fetch(`${s.url}/reports?from=2025-12-01&to=2026-11-30`, {
        headers: { cookie: cookie.split(';')[0] },
      });
      // The one date style: the year only for the day that is not in this year.
      expect(await chosen.text()).to.contain('Figures for introductions made from Mon 1 Dec 2025 to Mon 30 Nov (');
    });

    it('given the right bearer token, the JSON export answers 200', async () => {
      const res = await fetch(`${s.url}/reports/data.json?from=2026-10-01&to=2026-10-31`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(res.status).to.equal(200);
    });

    it('given a forged or expired session cookie, the page answers 401', async () => {
      const forged = `wh_reports=${Date.parse('2027-01-01')}.${'A'.repeat(43)}`;
      expect((await fetch(`${s.url}/reports`, { headers: { cookie: forged } })).status).to.equal(401);
      const cookie = (await signIn(s, TOKEN)).headers.get('set-cookie')!.split(';')[0];
      s.clock.advance(9 * 3_600_000);
      expect((await fetch(`${s.url}/reports`, { headers: { cookie } })).status).to.equal(401);
    });

    it('the page forbids inline scripts and framing', async () => {
      const res = await fetch(`${s.url}/reports`);
      expect(res.headers.get('content-security-policy'))
        .to.contain("script-src 'self'")
        .and.contain("frame-ancestors 'none'");
    });
  });

  describe('in production without ADMIN_TOKEN', () => {
    let s: ReportsServer;
    before(async () => {
      s = await startReportsServer({ NODE_ENV: 'production' }, { seed: false });
    });
    after(() => s.stop());

    it('reports are off: every reports address is 404', async () => {
      for (const path of [
        '/reports',
        '/reports/data.json',
        '/reports/export.csv?table=summary',
        '/reports/sign-in',
        '/reports/assets/chart.umd.js',
      ]) {
        expect((await fetch(`${s.url}${path}`)).status, path).to.equal(404);
      }
    });
  });

  describe('outside production with no token (the playground)', () => {
    let s: ReportsServer;
    before(async () => {
      s = await startReportsServer({}, { seed: false });
    });
    after(() => s.stop());

    it('the page is open', async () => {
      expect((await fetch(`${s.url}/reports`)).status).to.equal(200);
    });

    it('Chart.js is served by this server itself', async () => {
      const res = await fetch(`${s.url}/reports/assets/chart.umd.js`);
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.contain('javascript');
      expect(await res.text()).to.contain('Chart');
    });
  });

  describe('wrong tokens are throttled per client address, by header and by form alike', () => {
    // Loopback addresses stand for people on different networks: the server sees each as its own client.
    const stranger = new Agent({ localAddress: '127.0.0.2' });
    const coordinator = new Agent({ localAddress: '127.0.0.3' });
    let s: ReportsServer;
    beforeEach(async () => {
      s = await startReportsServer({ NODE_ENV: 'production', ADMIN_TOKEN: TOKEN }, { seed: false });
    });
    afterEach(() => s.stop());
    after(async () => {
      await stranger.close();
      await coordinator.close();
    });

    const bearer = (from: Agent, token: string) =>
      fetchFrom(`${s.url}/reports/data.json`, { dispatcher: from, headers: { authorization: `Bearer ${token}` } });
    const form = (from: Agent, token: string) =>
      fetchFrom(`${s.url}/reports/sign-in`, {
        dispatcher: from,
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }),
      });

    it('given a script guessing bearer tokens, then after a few wrong ones it gets 429 with Retry-After, and from that address even the right token must wait', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await bearer(stranger, `guess-${i}`)).status);
      expect(statuses.filter((st) => st === 401)).to.have.length(FREE_FAILURES + 1);
      expect(statuses.slice(FREE_FAILURES + 1)).to.deep.equal(new Array(20 - FREE_FAILURES - 1).fill(429));
      const right = await bearer(stranger, TOKEN);
      expect(right.status).to.equal(429);
      expect(Number(right.headers.get('retry-after'))).to.be.greaterThan(0);
      expect(((await right.json()) as { error: string }).error).to.equal('TOO_MANY_ATTEMPTS');
    });

    it('given a guesser who keeps going, then each wait is twice the last, up to a ceiling', async () => {
      for (let i = 0; i < FREE_FAILURES; i++) await bearer(stranger, `guess-${i}`);
      const waits: number[] = [];
      for (let i = 0; i < 14; i++) {
        expect((await bearer(stranger, `again-${i}`)).status, `guess after wait ${i}`).to.equal(401);
        const blocked = await bearer(stranger, `blocked-${i}`);
        expect(blocked.status).to.equal(429);
        const wait = Number(blocked.headers.get('retry-after'));
        waits.push(wait);
        s.clock.advance(wait * 1000);
      }
      const first = FIRST_BLOCK_MS / 1000;
      expect(waits.slice(0, 5)).to.deep.equal([first, 2 * first, 4 * first, 8 * first, 16 * first]);
      expect(Math.max(...waits)).to.equal(MAX_BLOCK_MS / 1000);
    });

    it('given wrong tokens through the sign-in form, then the form says to wait, and the header is held back too', async () => {
      for (let i = 0; i <= FREE_FAILURES; i++) expect((await form(stranger, `guess-${i}`)).status).to.equal(401);
      const page = await form(stranger, 'one-more');
      expect(page.status).to.equal(429);
      expect(page.headers.get('retry-after')).to.equal('1');
      expect(await page.text()).to.contain('Too many wrong tokens from your address. Try again in a minute.');
      expect((await bearer(stranger, TOKEN)).status).to.equal(429);
    });

    it('given a stranger has sent 50 wrong tokens by form and header, when the coordinator signs in from her own address, then she gets in at once', async () => {
      for (let i = 0; i < 25; i++) {
        await form(stranger, `guess-${i}`);
        await bearer(stranger, `guess-${i}`);
      }
      const signIn = await form(coordinator, TOKEN);
      expect(signIn.status).to.equal(303);
      expect((await bearer(coordinator, TOKEN)).status).to.equal(200);
      expect((await form(stranger, TOKEN)).status, 'the stranger still waits').to.equal(429);
    });

    it('given someone who mistypes the token now and then, when they get it right each time, then their count starts again and they are never held back', async () => {
      for (let round = 0; round < 5; round++) {
        for (let i = 0; i < FREE_FAILURES; i++)
          expect((await form(coordinator, `typo-${round}-${i}`)).status).to.equal(401);
        expect((await form(coordinator, TOKEN)).status, `round ${round}`).to.equal(303);
      }
      expect((await bearer(coordinator, TOKEN)).status).to.equal(200);
    });
  });

  describe('behind a reverse proxy (TRUST_PROXY=on)', () => {
    let s: ReportsServer;
    before(async () => {
      s = await startReportsServer({ NODE_ENV: 'production', ADMIN_TOKEN: TOKEN, TRUST_PROXY: 'on' }, { seed: false });
    });
    after(() => s.stop());

    const viaProxy = (forwardedFor: string, token: string) =>
      fetch(`${s.url}/reports/data.json`, {
        headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': forwardedFor },
      });

    it('given a stranger who puts made-up addresses in front of the one the proxy adds, then they are still one client and wait; the coordinator behind the same proxy gets in', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await viaProxy(`10.0.0.${i}, 203.0.113.9`, `guess-${i}`)).status);
      expect(statuses.at(-1)).to.equal(429);
      expect((await viaProxy('198.51.100.7', TOKEN)).status).to.equal(200);
    });
  });
});
