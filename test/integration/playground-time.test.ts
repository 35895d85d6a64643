// Issue 24: "move time forward" moves the one clock the whole server reads (sweep, dispatcher, cards, reports), and
// production has no such thing: the page shows no banner and the server refuses to move time.
import { expect } from 'chai';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../src/main/start.ts';
import { readConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { DEMO_PEOPLE, DEMO_SERVICE_ID } from '../../src/directory-io/demo-directory.ts';
import { tempDir } from '../support/make.ts';
import { eventually } from '../support/eventually.ts';

const MONDAY_10AM = new Date('2026-12-07T10:00:00Z');

async function move(app: RunningApp, how: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${app.url}/playground/api/time/move`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ move: how }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function inboxText(app: RunningApp, as: string): Promise<string> {
  return JSON.stringify(await (await fetch(`${app.url}/playground/api/inbox?as=${as}`)).json());
}

describe('moving the playground clock through the real server (issue 24)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let app: RunningApp | undefined;
  beforeEach(() => {
    tmp = tempDir('playground-time-');
  });
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    tmp.cleanup();
  });

  it('given production with the playground switched on, when someone asks to move time, then it is refused and the page has no time controls to show', async () => {
    const config = readConfig({
      NODE_ENV: 'production',
      PLAYGROUND: 'on',
      PORT: '0',
      DATABASE_PATH: join(tmp.dir, 'h.db'),
      ADMIN_TOKEN: 'x'.repeat(40),
    });
    app = await startApp(config, createLogger('silent'), { scheduler: false, clock: { now: () => MONDAY_10AM } });
    const moved = await move(app, 'day');
    expect(moved.status).to.equal(404);
    expect(moved.body).to.include({ error: 'TIME_TRAVEL_OFF' });
    expect(moved.body.message).to.match(/never in production/);
    const time = await (await fetch(`${app.url}/playground/api/time`)).json();
    expect(time).to.deep.equal({ enabled: false });
    expect(app.container.clock.now().toISOString()).to.equal(MONDAY_10AM.toISOString());
  });

  it('given the playground, when an unanswered introduction is two working days old, then moving time sends Sam the reminder and the reports count it', async () => {
    const config = readConfig({ PORT: '0', DATABASE_PATH: join(tmp.dir, 'h.db') });
    app = await startApp(config, createLogger('silent'), { clock: { now: () => MONDAY_10AM }, dispatchIntervalMs: 50 });
    const running = app;
    running.container.handoverService.introduce(DEMO_PEOPLE.introducer, {
      serviceId: DEMO_SERVICE_ID,
      clientName: 'R.T.',
      needs: 'Anxious about work.',
      reasonForService: 'Close by.',
      contactMethod: 'Phone',
      consent: true,
    });
    expect((await move(running, 'banana')).status).to.equal(400);
    const first = await move(running, 'day');
    expect(first.body).to.include({ enabled: true, moved: true, label: 'Tue 8 Dec, 10:00' });
    const second = await move(running, 'day');
    expect(second.body.label).to.equal('Wed 9 Dec, 10:00');
    await eventually(
      async () =>
        (await inboxText(running, DEMO_PEOPLE.contact)).includes('Reminder: Jo Rivers is waiting for your reply'),
      "Sam's reminder",
    );
    // The reports read the same clock: their default range ends at the simulated day.
    const reports = await (await fetch(`${running.url}/reports`)).text();
    expect(reports).to.include('value="2026-12-09"').and.include(' to Wed 9 Dec (');
    // The coordinator's links name only pages this server has.
    const people = (await (await fetch(`${running.url}/playground/api/people`)).json()) as {
      coordinatorLinks: { href: string }[];
    };
    expect(people.coordinatorLinks.map((l) => l.href)).to.include('/reports');
    const reset = await move(running, 'reset');
    expect(reset.body).to.include({ moved: false, label: 'Mon 7 Dec, 10:00' });
  });

  it('given Sam chose a daily digest, when time moves past the reply-by date, then no separate reminder comes and the next working morning brings the digest', async () => {
    const config = readConfig({ PORT: '0', DATABASE_PATH: join(tmp.dir, 'h.db') });
    app = await startApp(config, createLogger('silent'), { clock: { now: () => MONDAY_10AM }, dispatchIntervalMs: 50 });
    const running = app;
    running.container.db.prepare('UPDATE people SET digest = 1 WHERE id = ?').run(DEMO_PEOPLE.contact);
    running.container.handoverService.introduce(DEMO_PEOPLE.introducer, {
      serviceId: DEMO_SERVICE_ID,
      clientName: 'R.T.',
      needs: 'Anxious about work.',
      reasonForService: 'Close by.',
      contactMethod: 'Phone',
      consent: true,
    });
    await move(running, 'day');
    expect((await move(running, 'day')).body.label).to.equal('Wed 9 Dec, 10:00');
    await running.nudges.dispatcher.runOnce();
    expect(await inboxText(running, DEMO_PEOPLE.contact)).not.to.include('Reminder');
    expect((await move(running, 'morning')).body.label).to.equal('Thu 10 Dec, 09:00');
    await eventually(
      async () => (await inboxText(running, DEMO_PEOPLE.contact)).includes('1 introduction is waiting for you'),
      "Sam's digest",
    );
  });
});
