// Stopping the server (SIGTERM during a rolling restart) must not wait for a whole rate-limited batch to drain:
// the dispatcher finishes the message in hand and leaves the rest queued for whoever dispatches next.
import { expect } from 'chai';
import { Router } from '../../src/app/router.ts';
import { Dispatcher } from '../../src/scheduler/dispatch.ts';
import { RateLimiter } from '../../src/scheduler/rate-limits.ts';
import { OutboxStore } from '../../src/storage/outbox-store.ts';
import { PresenceStore } from '../../src/storage/presence-store.ts';
import { FakeMessenger, stubCompose } from '../support/fake-messenger.ts';
import { makeWorld, type World } from '../support/make.ts';
import { eventually } from '../support/eventually.ts';

const MESSAGES = 20;
const PER_SECOND = 40;

describe('stopping the dispatcher in the middle of a slow batch', function () {
  this.timeout(30_000);
  let w: World;
  afterEach(() => w.cleanup());

  function dispatcher(outbox: OutboxStore, messenger: FakeMessenger): Dispatcher {
    const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
    const limiter = new RateLimiter(() => Date.now(), sleep, {
      web: { perConversation: { perSecond: PER_SECOND, burst: 1 } },
      slack: {},
      teams: {},
      email: {},
    });
    return new Dispatcher({
      db: w.db,
      outbox,
      router: new Router(w.people, new PresenceStore(w.db), [messenger]),
      compose: stubCompose,
      clock: w.clock,
      limiter,
    });
  }

  it('given a rate-limited backlog for one person, stop returns with the rest still queued, and the next dispatcher sends each of them once', async () => {
    w = makeWorld();
    const outbox = new OutboxStore(w.db);
    for (let i = 0; i < MESSAGES; i++) {
      outbox.enqueue(
        {
          idempotencyKey: `H-${i}/nudge/jo`,
          recipient: { personId: 'jo' },
          card: { kind: 'nudge', subjectId: `H-${i}` },
          mode: 'new',
        },
        w.clock.now(),
      );
    }
    const messenger = new FakeMessenger('web');
    const first = dispatcher(outbox, messenger);
    void first.runOnce();
    await eventually(() => messenger.sent.length >= 2, 'two messages sent');
    await first.stop();

    const left = outbox.counts();
    expect(left.sending, 'nothing is left half-sent').to.equal(0);
    expect(left.pending, 'the rest waits in the queue').to.be.greaterThan(0);
    expect(left.sent).to.equal(messenger.sent.length);

    await dispatcher(outbox, messenger).runOnce();
    expect(outbox.counts()).to.include({ sent: MESSAGES, pending: 0, sending: 0 });
    expect(new Set(messenger.sent.map((d) => d.key)).size).to.equal(MESSAGES);
    expect(messenger.sent).to.have.length(MESSAGES);
  });
});
