import { expect } from 'chai';
import { startReportsServer, type ReportsServer } from '../fixtures/reports-server.ts';

const TOKEN = 'a-long-random-admin-token-for-tests-0123456789abcdef';

async function signIn(s: ReportsServer, token: string): Promise<Response> {
  return fetch(`${s.url}/reports/sign-in`, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }),
  });
}

describe('reports access', () => {
  describe('in production with ADMIN_TOKEN set', () => {
    let s: ReportsServer;
    before(async () => { s = await startReportsServer({ NODE_ENV: 'production', ADMIN_TOKEN: TOKEN }, { seed: false }); });
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
      expect((await fetch(`${s.url}/reports/data.json`, { headers: { authorization: 'Bearer nope' } })).status).to.equal(401);
    });

    it('given the right token, sign-in sets an HttpOnly, SameSite=Strict, Secure cookie that is not the token, and the page answers 200', async () => {
      const res = await signIn(s, TOKEN);
      expect(res.status).to.equal(303);
      const cookie = res.headers.get('set-cookie')!;
      expect(cookie).to.match(/HttpOnly/).and.match(/SameSite=Strict/).and.match(/Secure/).and.match(/Path=\/;/); // one sign-in for /reports and /coordinate
      expect(cookie).not.to.contain(TOKEN);
      const page = await fetch(`${s.url}/reports`, { headers: { cookie: cookie.split(';')[0] } });
      expect(page.status).to.equal(200);
      expect(await page.text()).to.contain('Introductions sent');
    });

    it('given the right bearer token, the JSON export answers 200', async () => {
      const res = await fetch(`${s.url}/reports/data.json?from=2026-10-01&to=2026-10-31`, { headers: { authorization: `Bearer ${TOKEN}` } });
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
      expect(res.headers.get('content-security-policy')).to.contain("script-src 'self'").and.contain("frame-ancestors 'none'");
    });
  });

  describe('in production without ADMIN_TOKEN', () => {
    let s: ReportsServer;
    before(async () => { s = await startReportsServer({ NODE_ENV: 'production' }, { seed: false }); });
    after(() => s.stop());

    it('reports are off: every reports address is 404', async () => {
      for (const path of ['/reports', '/reports/data.json', '/reports/export.csv?table=summary', '/reports/sign-in', '/reports/assets/chart.umd.js']) {
        expect((await fetch(`${s.url}${path}`)).status, path).to.equal(404);
      }
    });
  });

  describe('outside production with no token (the playground)', () => {
    let s: ReportsServer;
    before(async () => { s = await startReportsServer({}, { seed: false }); });
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
});
