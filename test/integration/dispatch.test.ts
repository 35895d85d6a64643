import { expect } from 'chai';
import { DeliveryError } from '../../src/app/ports.ts';
import { MAX_ATTEMPTS } from '../../src/scheduler/backoff.ts';
import { Dispatcher } from '../../src/scheduler/dispatch.ts';
import { LEASE_TTL_MS, Lease } from '../../src/scheduler/lease.ts';
import { RateLimiter, TEAMS_PER_CONVERSATION } from '../../src/scheduler/rate-limits.ts';
import { FakeMessenger, stubCompose } from '../support/fake-messenger.ts';
import { introduceInput, PEOPLE } from '../support/make.ts';
import { makeNudgeWorld, type NudgeWorld } from '../support/nudge-world.ts';

describe('dispatching the outbox', () => {
  let w: NudgeWorld;
  afterEach(() => w.cleanup());

  it('given the platform answers 429 with Retry-After, the message waits that long and is then delivered once', async () => {
    w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z' });
    w.web.failures.push(new DeliveryError('rate_limited', 'slow down', 2000));
    w.handoverService.introduce('jo', introduceInput());
    await w.nudges.dispatcher.runOnce();
    expect(w.inbox('sam')).to.deep.equal([]); // the first call was refused
    w.clock.advance(1999);
    await w.nudges.dispatcher.runOnce();
    expect(w.inbox('sam')).to.deep.equal([]);
    w.clock.advance(1);
    await w.nudges.dispatcher.runOnce();
    expect(w.inbox('sam')).to.deep.equal(['introduction']);
    expect(w.nudges.outbox.counts()).to.include({ sent: 2, dead: 0, pending: 0 });
  });

  it('given transient failures, it retries with growing delays and dead-letters after the last attempt', async () => {
    w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z' });
    w.web.failAlways = new DeliveryError('transient', 'bad gateway');
    const h = w.handoverService.introduce('jo', introduceInput());
    const delays: number[] = [];
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await w.nudges.dispatcher.runOnce();
      const row = w.nudges.outbox.bySubject(h.id).find((r) => r.card.kind === 'introduction')!;
      if (row.status === 'dead') break;
      delays.push(new Date(row.notBefore).getTime() - w.clock.now().getTime());
      w.clock.set(row.notBefore);
    }
    expect(delays).to.have.length(MAX_ATTEMPTS - 1);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).to.be.greaterThan(delays[i - 1]);
    const dead = w.nudges.outbox
      .failed()
      .map((r) => r.card.kind)
      .sort();
    expect(dead).to.deep.equal(['introduction', 'receipt']);
    expect(w.nudges.outbox.failed()[0].lastError).to.match(/gave up after 8 attempts: bad gateway/);
  });

  it('given a messenger that fails permanently, the message is dead-lettered at once and can be retried later', async () => {
    w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z' });
    w.web.failAlways = new DeliveryError('permanent', 'invalid blocks');
    w.handoverService.introduce('jo', introduceInput());
    await w.nudges.dispatcher.runOnce();
    const failed = w.nudges.outbox.failed();
    expect(failed.slice(0, 2).map((r) => r.card.kind)).to.deep.equal(['introduction', 'receipt']);
    expect(failed[0].lastError).to.match(/^permanent: invalid blocks/);
    w.web.failAlways = null;
    expect(w.nudges.outbox.retry(failed[0].id, w.clock.now())).to.equal(true);
    await w.nudges.dispatcher.runOnce();
    expect(w.web.sent).to.have.length(1);
  });

  it('given Sam is unknown on Teams, the card goes to Sam on the web instead', async () => {
    const teams = new FakeMessenger('teams');
    w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z' });
    w.nudges.router.register(teams);
    w.people.link('sam', { platform: 'teams', tenant: 't1', userId: 'sam-aad' });
    teams.unknownUsers.add('sam-aad');
    w.handoverService.introduce('jo', introduceInput());
    await w.nudges.dispatcher.runOnce();
    expect(teams.calls).to.deep.equal(['send:sam-aad:introduction']);
    expect(w.inbox('sam')).to.deep.equal(['introduction']);
  });

  it('prefers the platform the person was last seen on', async () => {
    const teams = new FakeMessenger('teams');
    w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z' });
    w.nudges.router.register(teams);
    w.people.link('sam', { platform: 'teams', tenant: 't1', userId: 'sam-aad' });
    w.nudges.presence.recordSeen('sam', 'web', w.clock.now());
    w.handoverService.introduce('jo', introduceInput());
    await w.nudges.dispatcher.runOnce();
    expect(teams.sent).to.have.length(0);
    expect(w.inbox('sam')).to.deep.equal(['introduction']);
  });

  it('given the named contact cannot be reached anywhere, Jo gets a notice, it is audited and the backups are asked', async () => {
    w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z' });
    w.web.unknownUsers.add('sam');
    const h = w.handoverService.introduce('jo', introduceInput());
    await w.nudges.dispatcher.runOnce();
    await w.nudges.dispatcher.runOnce();
    expect(w.inbox('jo').filter((t) => t === 'notice:recipient_unreachable')).to.have.length(1);
    expect(w.auditOf(h.id).filter((e) => e === 'undeliverable')).to.have.length(1);
    expect(w.auditOf(h.id)).to.include('escalated');
    expect(w.inbox('alex')).to.deep.equal(['escalation']);
    const dead = new Set(w.nudges.outbox.failed().map((r) => r.lastError));
    expect([...dead]).to.deep.equal(['recipient_unknown: No platform knows sam any more.']);
  });

  it('updates a live card in place instead of sending a second message', async () => {
    w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z' });
    const h = w.handoverService.introduce('jo', introduceInput());
    await w.nudges.dispatcher.runOnce();
    w.handoverService.act(h.id, { type: 'accept', actorId: 'sam' });
    await w.nudges.dispatcher.runOnce();
    expect(w.inbox('sam')).to.deep.equal(['introduction']);
    expect(w.web.updates.map((u) => `${u.ref.conversationId}:${u.card.kind}`).sort()).to.deep.equal([
      'dm-jo:receipt',
      'dm-sam:introduction',
    ]);
  });

  it('only the instance holding the lease dispatches', async () => {
    w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z' });
    const other = new FakeMessenger('web');
    const lease = new Lease(w.db, 'dispatcher', 'instance-b');
    const second = new Dispatcher({
      db: w.db,
      outbox: w.nudges.outbox,
      router: w.nudges.router,
      compose: stubCompose,
      clock: w.clock,
      lease,
    });
    await w.nudges.dispatcher.runOnce(); // instance A takes the lease
    w.handoverService.introduce('jo', introduceInput());
    w.nudges.router.register(other);
    const summary = await second.runOnce();
    expect(summary.sent).to.equal(0);
    expect(w.nudges.outbox.counts().pending).to.equal(2);
  });

  it('given the dispatching instance died, another takes over once its lease has expired', async () => {
    w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z' });
    const dead = new Lease(w.db, 'dispatcher', 'instance-dead', LEASE_TTL_MS);
    expect(dead.acquire(w.clock.now())).to.equal('new');
    w.handoverService.introduce('jo', introduceInput());
    expect((await w.nudges.dispatcher.runOnce()).sent).to.equal(0);
    w.clock.advance(LEASE_TTL_MS);
    expect((await w.nudges.dispatcher.runOnce()).sent).to.equal(2);
    expect(dead.acquire(w.clock.now())).to.equal(null);
  });

  it('never sends more than 7 messages a second into one Teams conversation', async () => {
    w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z' });
    let now = 0;
    const limiter = new RateLimiter(
      () => now,
      async (ms) => {
        now += ms;
      },
    );
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      await limiter.acquire({ platform: 'teams', tenant: 't', conversation: 'c' });
      times.push(now);
    }
    for (let i = 0; i < times.length; i++) {
      const inWindow = times.filter((t) => t >= times[i] && t < times[i] + 1000).length;
      expect(inWindow).to.be.at.most(TEAMS_PER_CONVERSATION.perSecond);
    }
    expect(times[29]).to.be.below(30 * (1000 / 7) + 10);
    expect(PEOPLE.sam.id).to.equal('sam');
  });
});
