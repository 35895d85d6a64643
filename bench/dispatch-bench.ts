// Dispatcher benchmark against a local fake Teams messenger (2 ms per call): does it reach >= 90% of the
// configured rate limit without ever exceeding it? Two runs: many people in one tenant (30/s per tenant)
// and one conversation (7/s). Printed, never asserted.
import { Router } from '../src/app/router.ts';
import type { Card } from '../src/cards/model.ts';
import type { ChannelAddress, Identity, MessageRef } from '../src/domain/ports.ts';
import type { Messenger, SendOptions } from '../src/app/ports.ts';
import { Dispatcher } from '../src/scheduler/dispatch.ts';
import { TEAMS_PER_CONVERSATION, TEAMS_PER_TENANT } from '../src/scheduler/rate-limits.ts';
import { OutboxStore } from '../src/storage/outbox-store.ts';
import { PresenceStore } from '../src/storage/presence-store.ts';
import { stubCompose } from '../test/support/fake-messenger.ts';
import { makeWorld } from '../test/support/make.ts';

const LATENCY_MS = 2;
const SECONDS = 5;

class TimedTeams implements Messenger {
  readonly platform = 'teams' as const;
  readonly times: number[] = [];
  private n = 0;
  async sendToPerson(to: Identity, _card: Card, _o: SendOptions): Promise<MessageRef> {
    this.times.push(performance.now());
    await new Promise((r) => setTimeout(r, LATENCY_MS));
    return { platform: 'teams', conversationId: to.userId, messageId: String(++this.n) };
  }
  async postToChannel(_c: ChannelAddress, _card: Card, _o: SendOptions): Promise<MessageRef> {
    throw new Error('not used');
  }
  async updateMessage(): Promise<void> {}
}

function maxInAnySecond(times: number[]): number {
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= 1000) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

async function scenario(people: number, perSecond: number): Promise<Record<string, unknown>> {
  const w = makeWorld();
  try {
    const messages = perSecond * SECONDS;
    for (let p = 0; p < people; p++) {
      w.people.upsert({
        id: `p${p}`,
        name: `Person ${p}`,
        email: null,
        organisation: 'Bench',
        role: '',
        identities: [{ platform: 'teams', tenant: 't1', userId: `aad-${p}` }],
      });
    }
    const outbox = new OutboxStore(w.db);
    for (let i = 0; i < messages; i++) {
      outbox.enqueue(
        {
          idempotencyKey: `k${i}`,
          recipient: { personId: `p${i % people}` },
          card: { kind: 'nudge', subjectId: `H-${i}` },
          mode: 'new',
        },
        new Date(0),
      );
    }
    const teams = new TimedTeams();
    const clock = { now: () => new Date() };
    const dispatcher = new Dispatcher({
      db: w.db,
      outbox,
      router: new Router(w.people, new PresenceStore(w.db), [teams]),
      compose: stubCompose,
      clock,
    });
    await dispatcher.runOnce();
    await dispatcher.stop();
    const t = teams.times;
    const spanSeconds = (t[t.length - 1] - t[0]) / 1000;
    const achieved = (t.length - 1) / spanSeconds;
    return {
      people,
      messages,
      limitPerSecond: perSecond,
      achievedPerSecond: Math.round(achieved * 10) / 10,
      percentOfLimit: Math.round((achieved / perSecond) * 100),
      maxInAnySecond: maxInAnySecond(t),
      exceeded: maxInAnySecond(t) > perSecond,
    };
  } finally {
    w.cleanup();
  }
}

export async function run(): Promise<Record<string, unknown>> {
  return {
    teamsTenant: await scenario(60, TEAMS_PER_TENANT.perSecond),
    teamsConversation: await scenario(1, TEAMS_PER_CONVERSATION.perSecond),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await run());
