// Day one in a real organisation: a named contact nobody can reach must not take the server down.
import { expect } from 'chai';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { startApp, type RunningApp } from '../../src/main/start.ts';
import { readConfig } from '../../src/config.ts';
import { importDirectory } from '../../src/directory-io/directory-files.ts';
import { createLogger } from '../../src/log.ts';
import { DEMO_PEOPLE } from '../../src/directory-io/demo-directory.ts';
import { FixedClock, tempDir } from '../support/make.ts';
import { eventually } from '../support/eventually.ts';

const HEALTH_POLL_MS = 100;
const HEALTH_WINDOW_MS = 4_000;
const HEALTH_LIMIT_MS = 200;
/** introduction + receipt, then the not_reached step: the contact's card again, the receipt update, one message to the introducer. */
const MAX_OUTBOX_ROWS = 6;

const ONE_UNREACHABLE_SERVICE = [
  'id,name,organisation,description,categories,primary_contact_name,primary_contact_email,backup_contacts',
  'tenancy-advice,Tenancy advice,Brixton Tenants Association,"Debts, benefits and budgeting.",money,Dana Frost,dana.frost@example.org,',
].join('\n');

describe('a named contact nobody can reach (e-mail off, no backup, never used the app)', function () {
  this.timeout(30_000);
  let app: RunningApp;
  let tmp: ReturnType<typeof tempDir>;

  beforeEach(async () => {
    tmp = tempDir('unreachable-');
    const clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));
    const config = readConfig({
      PORT: '0',
      DATABASE_PATH: join(tmp.dir, 'handover.db'),
      PLAYGROUND: 'on',
      DEMO_DIRECTORY: 'on',
    });
    app = await startApp(config, createLogger('silent'), { clock });
    importDirectory(app.container.db, ONE_UNREACHABLE_SERVICE, 'csv', clock.now());
  });
  afterEach(async () => {
    await app.stop();
    tmp.cleanup();
  });

  it('given Jo introduces a client to Dana, then /healthz keeps answering fast, the outbox stays small and Jo is told once that nobody could be reached', async () => {
    const res = await fetch(`${app.url}/playground/api/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        as: DEMO_PEOPLE.introducer,
        actionId: 'introduce_submit',
        subjectId: 'tenancy-advice',
        inputs: {
          clientName: 'R.T.',
          needs: 'Rent arrears',
          reasonForService: 'Free debt advice',
          contactMethod: 'Phone',
          consent: 'true',
        },
      }),
    });
    expect(res.status).to.equal(200);
    const slowest: number[] = [];
    for (let waited = 0; waited < HEALTH_WINDOW_MS; waited += HEALTH_POLL_MS) {
      const started = performance.now();
      const health = await fetch(`${app.url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      slowest.push(performance.now() - started);
      expect(health.status).to.equal(200);
      await delay(HEALTH_POLL_MS);
    }
    expect(Math.max(...slowest), 'slowest /healthz answer (ms)').to.be.below(HEALTH_LIMIT_MS);
    const db = app.container.db;
    const { id } = db.prepare('SELECT id FROM handovers').get() as { id: string };
    expect(app.container.handovers.find(id)?.state).to.equal('not_reached');
    const rows = (db.prepare('SELECT count(*) AS n FROM outbox WHERE subject_id = ?').get(id) as { n: number }).n;
    expect(rows).to.be.at.most(MAX_OUTBOX_ROWS);
    const escalated = (db.prepare(`SELECT count(*) AS n FROM audit WHERE event = 'escalated'`).get() as { n: number })
      .n;
    expect(escalated).to.equal(0);
    const messages = await eventually(async () => {
      const body = (await (await fetch(`${app.url}/playground/api/inbox?as=${DEMO_PEOPLE.introducer}`)).json()) as {
        messages: Array<{ kind: string; summary: string; card: unknown }>;
      };
      const told = body.messages.filter((m) => m.kind === 'outcome');
      return told.length > 0 ? told : null;
    }, "Jo's couldn't-reach message");
    expect(messages.map((m) => m.summary)).to.deep.equal(["We couldn't reach Dana Frost or a backup"]);
    expect(JSON.stringify(messages[0].card)).to.contain('Other services you could try');
  });
});
