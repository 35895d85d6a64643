// Every answer of the one HTTP server carries nosniff and a content security policy, and a client that hangs up in
// the middle of its request is not an error in the log (anyone could flood the error log that way).
import { expect } from 'chai';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startApp, type RunningApp } from '../../src/main/start.ts';
import { readConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { tempDir } from '../support/make.ts';
import { eventually } from '../support/eventually.ts';

const PINO_WARN = 40;
const HUNG_UP_PATHS = ['/playground/api/actions', '/reports/sign-in', '/playground/api/actions'];

interface LogLine {
  level: number;
  msg: string;
  path?: string;
}

/** Sends headers and half a body, waits until the server has taken the request (100 Continue), then hangs up. */
async function hangUpMidBody(port: number, path: string): Promise<void> {
  const socket = connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n`,
  );
  await new Promise((resolve) => socket.once('data', resolve));
  socket.write('{"actionId":');
  socket.destroy();
}

describe('the HTTP server: security headers on every answer, and clients that hang up', () => {
  let app: RunningApp;
  let tmp: ReturnType<typeof tempDir>;
  const lines: LogLine[] = [];
  before(async () => {
    tmp = tempDir('http-hardening-');
    const config = readConfig({
      PORT: '0',
      DATABASE_PATH: join(tmp.dir, 'handover.db'),
      ADMIN_TOKEN: 'a-long-random-admin-token-for-tests-0123456789abcdef',
    });
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(String(chunk)) as LogLine);
        done();
      },
    });
    app = await startApp(config, createLogger('debug', sink), { scheduler: false });
  });
  after(async () => {
    await app.stop();
    tmp.cleanup();
  });

  it('given /healthz, an unknown address, a JSON error and a report that needs signing in, then each says nosniff and allows no scripts', async () => {
    const answers = await Promise.all([
      fetch(`${app.url}/healthz`),
      fetch(`${app.url}/nothing-here`),
      fetch(`${app.url}/playground/api/actions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"broken',
      }),
      fetch(`${app.url}/reports/data.json`),
    ]);
    expect(answers.map((r) => r.status)).to.deep.equal([200, 404, 400, 401]);
    for (const res of answers) {
      expect(res.headers.get('x-content-type-options'), res.url).to.equal('nosniff');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, res.url)
        .to.match(/default-src 'none'/)
        .and.match(/frame-ancestors 'none'/);
      expect(csp, res.url).not.to.match(/script-src[^;]*unsafe/);
    }
  });

  it('given the playground page, then it keeps its own policy, which lets its scripts run', async () => {
    const res = await fetch(`${app.url}/`);
    expect(res.headers.get('content-security-policy')).to.contain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
  });

  it('given clients that hang up half-way through sending, then the log has a line for each below warn, none at warn or above, and the server still answers', async () => {
    const port = Number(new URL(app.url).port);
    lines.length = 0;
    for (const path of HUNG_UP_PATHS) await hangUpMidBody(port, path);
    const seen = await eventually(() => {
      const about = lines.filter((l) => l.path && HUNG_UP_PATHS.includes(l.path));
      return about.length >= HUNG_UP_PATHS.length ? about : undefined;
    }, 'a log line about each request cut short');
    expect(
      seen.filter((l) => l.level >= PINO_WARN),
      JSON.stringify(seen),
    ).to.deep.equal([]);
    expect(
      lines.filter((l) => l.level >= PINO_WARN),
      'nothing else at warn or above',
    ).to.deep.equal([]);
    expect((await fetch(`${app.url}/healthz`)).status).to.equal(200);
  });
});
