// What `npm start` runs: the whole server from startApp, exercised over real HTTP on 127.0.0.1.
import { expect } from 'chai';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../src/main/start.ts';
import { readConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { DEMO_PEOPLE, DEMO_SERVICE_ID } from '../../src/directory-io/demo-directory.ts';
import { tempDir } from '../support/make.ts';

async function act(
  app: RunningApp,
  body: Record<string, unknown>,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${app.url}/playground/api/actions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function inbox(app: RunningApp, as: string): Promise<string> {
  await app.nudges.dispatcher.runOnce();
  const res = await fetch(`${app.url}/playground/api/inbox?as=${as}`);
  return JSON.stringify(await res.json());
}

describe('the server that npm start runs', () => {
  let app: RunningApp;
  let tmp: ReturnType<typeof tempDir>;
  before(async () => {
    tmp = tempDir('start-app-');
    const config = readConfig({ PORT: '0', DATABASE_PATH: join(tmp.dir, 'handover.db') });
    app = await startApp(config, createLogger('silent'), { scheduler: false });
  });
  after(async () => {
    await app.stop();
    tmp.cleanup();
  });

  it('answers /healthz with the schema version', async () => {
    const res = await fetch(`${app.url}/healthz`);
    const body = (await res.json()) as { status: string; schemaVersion: number };
    expect(res.status).to.equal(200);
    expect(body.status).to.equal('ok');
    expect(body.schemaVersion).to.be.greaterThan(1);
  });

  it('serves the playground page and the reports page from the same server', async () => {
    expect((await fetch(`${app.url}/`)).status).to.equal(200);
    expect((await fetch(`${app.url}/reports`)).status).to.equal(200);
  });

  it('loads the demo directory on first start', () => {
    expect(app.container.services.count()).to.be.greaterThan(25);
  });

  it('an introduction made in the playground reaches the named contact, and accepting updates the receipt', async () => {
    const sent = await act(app, {
      as: DEMO_PEOPLE.introducer,
      actionId: 'introduce_submit',
      subjectId: DEMO_SERVICE_ID,
      inputs: {
        clientName: 'R.T.',
        needs: 'Feeling anxious about work',
        reasonForService: 'Local and free',
        contactMethod: 'Phone',
        consent: 'true',
        contactDetails: '07700 900123',
      },
    });
    expect(sent.status, JSON.stringify(sent.json)).to.equal(200);
    const contactInbox = await inbox(app, DEMO_PEOPLE.contact);
    expect(contactInbox).to.contain('R.T.');
    expect(contactInbox).not.to.contain('07700 900123');
    const id = app.container.db.prepare('SELECT id, version FROM handovers').get() as { id: string; version: number };
    const accepted = await act(app, {
      as: DEMO_PEOPLE.contact,
      actionId: 'accept',
      subjectId: id.id,
      version: id.version,
    });
    expect(accepted.status).to.equal(200);
    expect(await inbox(app, DEMO_PEOPLE.contact)).to.contain('07700 900123');
    expect(await inbox(app, DEMO_PEOPLE.introducer)).to.match(/Accepted/);
  });

  it('someone who is not the named contact cannot accept', async () => {
    const id = app.container.db.prepare(`SELECT id FROM handovers`).get() as { id: string };
    const res = await act(app, { as: DEMO_PEOPLE.peer, actionId: 'confirm_contact', subjectId: id.id });
    expect(res.status).to.equal(422);
    expect(String(res.json.message)).to.match(/This introduction is for Sam Patel/);
  });
});
