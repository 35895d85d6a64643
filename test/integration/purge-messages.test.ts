// Retention reaches the playground's stored messages: once an introduction is purged, no stored card shows its
// client details any more (the cards in the named contact's and introducer's inboxes become a short notice).
import { expect } from 'chai';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../src/main/start.ts';
import { readConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { purgeClosed } from '../../src/scheduler/purge.ts';
import { DEMO_PEOPLE, DEMO_SERVICE_ID } from '../../src/directory-io/demo-directory.ts';
import { DAY_MS, FixedClock, tempDir } from '../support/make.ts';

const CLIENT = 'R.T.';
const NEEDS = 'Feeling anxious about going back to work';
const PHONE = '07700 900456';

async function act(app: RunningApp, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${app.url}/playground/api/actions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.text()).to.equal(200);
}

describe('retention: purging an introduction clears the playground messages about it', () => {
  let app: RunningApp;
  let tmp: ReturnType<typeof tempDir>;
  const clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));
  before(async () => {
    tmp = tempDir('purge-messages-');
    app = await startApp(
      readConfig({ PORT: '0', DATABASE_PATH: join(tmp.dir, 'handover.db'), LOG_LEVEL: 'silent' }),
      createLogger('silent'),
      { clock, scheduler: false },
    );
  });
  after(async () => {
    await app.stop();
    tmp.cleanup();
  });

  const storedCards = () =>
    (app.container.db.prepare('SELECT card FROM web_messages').all() as { card: string }[])
      .map((r) => r.card)
      .join('\n');

  it('given a withdrawn introduction whose cards sit in two inboxes, when it is purged, then no stored message shows the client', async () => {
    await act(app, {
      as: DEMO_PEOPLE.introducer,
      actionId: 'introduce_submit',
      subjectId: DEMO_SERVICE_ID,
      inputs: {
        clientName: CLIENT,
        needs: NEEDS,
        reasonForService: 'Local and free',
        contactMethod: 'Phone',
        consent: 'true',
        contactDetails: PHONE,
      },
    });
    const { id } = app.container.db.prepare('SELECT id FROM handovers').get() as { id: string };
    await act(app, { as: DEMO_PEOPLE.contact, actionId: 'accept', subjectId: id });
    await app.nudges.dispatcher.runOnce();
    await act(app, { as: DEMO_PEOPLE.introducer, actionId: 'withdraw_confirmed', subjectId: id });
    await app.nudges.dispatcher.runOnce();
    expect(storedCards(), 'before the purge').to.contain(CLIENT);

    clock.advance(91 * DAY_MS);
    expect(purgeClosed(app.container.db, clock.now(), 90).map((c) => c.id)).to.deep.equal([id]);

    const cards = storedCards();
    for (const secret of [CLIENT, NEEDS, PHONE]) expect(cards).not.to.contain(secret);
    const inbox = (await (await fetch(`${app.url}/playground/api/inbox?as=${DEMO_PEOPLE.contact}`)).json()) as {
      messages: { subjectId: string; summary: string }[];
    };
    const about = inbox.messages.filter((m) => m.subjectId === id);
    expect(about.length).to.be.greaterThan(0);
    for (const m of about) expect(m.summary).to.equal(`Introduction ${id}`);
    const audit = app.container.handovers.audit(id).slice(-1)[0];
    expect(audit.event).to.equal('purged');
    expect((audit.details as { messagesCleared: number }).messagesCleared).to.be.greaterThan(1);
  });
});
