// Property: whatever the directory holds and however platforms fail, an introduction causes a bounded number of
// messages, never stalls the event loop, and ends with the introducer knowing where it stands.
import { expect } from 'chai';
import fc from 'fast-check';
import type { Card } from '../../src/cards/model.ts';
import type { ChannelAddress, Identity, MessageRef, Platform } from '../../src/domain/ports.ts';
import { DeliveryError, type Messenger, type SendOptions } from '../../src/app/ports.ts';
import { createNudgeSystem } from '../../src/scheduler/wiring.ts';
import { stubCompose } from '../support/fake-messenger.ts';
import { PEOPLE, introduceInput, makeService, makeWorld } from '../support/make.ts';
import { calendar } from '../support/nudge-world.ts';
import { assertFuzz } from './fuzz-world.ts';

/** introduction + receipt; one escalation (2 backups, channel, outcome, notice, 2 updates); not_reached (4 updates, outcome). */
const MAX_MESSAGES_PER_INTRODUCTION = 16;
const MAX_EVENT_LOOP_STALL_MS = 200;
const US_PER_MS = 1000;
const SAMPLE_EVERY_MS = 10;

/**
 * The longest time the event loop was held by this process's own work: between two timer ticks, the CPU time the
 * process used (a tick that comes late because the shared machine gave the CPU to someone else is not a stall here).
 */
function stallMeter(): { stop(): number } {
  let longest = 0;
  let last = process.cpuUsage();
  const timer = setInterval(() => {
    const used = process.cpuUsage(last);
    last = process.cpuUsage();
    longest = Math.max(longest, (used.user + used.system) / US_PER_MS);
  }, SAMPLE_EVERY_MS);
  return {
    stop() {
      clearInterval(timer);
      return longest;
    },
  };
}
const RUNS = 120;
/** Enough dispatcher rounds to exhaust every retry (8 attempts) of every message in a run. */
const MAX_ROUNDS = 200;

const CHAT: Platform[] = ['slack', 'teams', 'email'];
type Failure = 'ok' | 'transient_once' | 'transient_always' | 'permanent' | 'forbidden' | 'users_not_found';
const FAILURES: Failure[] = ['ok', 'transient_once', 'transient_always', 'permanent', 'forbidden', 'users_not_found'];

function errorFor(f: Failure): DeliveryError | null {
  switch (f) {
    case 'ok':
      return null;
    case 'transient_once':
    case 'transient_always':
      return new DeliveryError('transient', 'bad gateway');
    case 'permanent':
      return new DeliveryError('permanent', 'refused');
    case 'forbidden':
      return new DeliveryError('recipient_unknown', 'Teams: the app is not installed for this person (403)');
    case 'users_not_found':
      return new DeliveryError('recipient_unknown', 'Slack: users_not_found');
  }
}

/** A messenger whose answer for each user (or channel) is scripted; remembers what it delivered. */
class ScriptedMessenger implements Messenger {
  readonly delivered: Array<{ to: string; kind: string; subjectId?: string }> = [];
  private readonly tried = new Set<string>();
  private seq = 0;
  constructor(
    readonly platform: Platform,
    private readonly script: Map<string, Failure>,
  ) {}
  private answer(to: string, key: string): void {
    const f = this.script.get(to) ?? 'ok';
    const first = !this.tried.has(key);
    this.tried.add(key);
    if (f === 'transient_once' && !first) return;
    const err = errorFor(f);
    if (err) throw err;
  }
  async sendToPerson(to: Identity, card: Card, o: SendOptions): Promise<MessageRef> {
    this.answer(to.userId, o.idempotencyKey);
    this.delivered.push({ to: to.userId, kind: card.kind, subjectId: card.subjectId });
    return { platform: this.platform, conversationId: `dm-${to.userId}`, messageId: `m${++this.seq}` };
  }
  async postToChannel(c: ChannelAddress, card: Card, o: SendOptions): Promise<MessageRef> {
    this.answer(c.channelId, o.idempotencyKey);
    this.delivered.push({ to: c.channelId, kind: card.kind, subjectId: card.subjectId });
    return { platform: this.platform, conversationId: c.channelId, messageId: `m${++this.seq}` };
  }
  async updateMessage(): Promise<void> {}
}

const contactArb = fc.record({
  platforms: fc.subarray(['slack', 'teams'] as Array<'slack' | 'teams'>),
  hasEmail: fc.boolean(),
  failures: fc.record({
    slack: fc.constantFrom(...FAILURES),
    teams: fc.constantFrom(...FAILURES),
    email: fc.constantFrom(...FAILURES),
  }),
});
const worldArb = fc.record({
  switchedOn: fc.subarray(CHAT),
  backups: fc.integer({ min: 0, max: 2 }),
  channel: fc.option(
    fc.record({ platform: fc.constantFrom<Platform>('slack', 'teams'), failure: fc.constantFrom(...FAILURES) }),
    { nil: null },
  ),
  contacts: fc.tuple(contactArb, contactArb, contactArb),
  introductions: fc.integer({ min: 1, max: 3 }),
});
type WorldSpec = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;
const CONTACT_IDS = ['sam', 'alex', 'kim'] as const;

async function runWorld(spec: WorldSpec): Promise<void> {
  const w = makeWorld({ seed: false });
  const scripts = new Map(CHAT.map((p) => [p, new Map<string, Failure>()]));
  const web = new ScriptedMessenger('web', new Map());
  const messengers: ScriptedMessenger[] = [
    web,
    ...spec.switchedOn.map((p) => new ScriptedMessenger(p, scripts.get(p)!)),
  ];
  const now = w.clock.now();
  w.people.upsert({ ...PEOPLE.jo, identities: [{ platform: 'web', tenant: '', userId: 'jo' }] });
  spec.contacts.forEach((c, i) => {
    const id = CONTACT_IDS[i];
    w.people.upsert({
      ...PEOPLE[id],
      email: c.hasEmail ? `${id}@example.org` : null,
      identities: c.platforms.map((p) => ({ platform: p, tenant: 'T1', userId: `${id}-${p}` })),
    });
    for (const p of c.platforms) scripts.get(p)!.set(`${id}-${p}`, c.failures[p]);
    scripts.get('email')!.set(`${id}@example.org`, c.failures.email);
  });
  if (spec.channel) scripts.get(spec.channel.platform)!.set('C-SERVICE', spec.channel.failure);
  const contacts = [
    { personId: 'sam', role: 'primary' as const },
    ...CONTACT_IDS.slice(1, 1 + spec.backups).map((personId) => ({ personId, role: 'backup' as const })),
  ];
  const channel = spec.channel ? { platform: spec.channel.platform, tenant: 'T1', channelId: 'C-SERVICE' } : null;
  w.services.upsert(makeService({ contacts, channel }), now.toISOString());
  const nudges = createNudgeSystem({
    db: w.db,
    clock: w.clock,
    calendar,
    timeZone: 'Europe/London',
    handoverService: w.handoverService,
    handovers: w.handovers,
    people: w.people,
    services: w.services,
    compose: stubCompose,
    messengers,
    dispatcher: { sleep: async (ms) => w.clock.advance(ms), random: () => 0.5 },
  });
  const meter = stallMeter();
  try {
    const ids = Array.from(
      { length: spec.introductions },
      () => w.handoverService.introduce('jo', introduceInput()).id,
    );
    for (let round = 0; round < MAX_ROUNDS && nudges.outbox.counts().pending > 0; round++) {
      await nudges.dispatcher.runOnce();
      const next = w.db.prepare(`SELECT min(not_before) AS at FROM outbox WHERE status = 'pending'`).get() as {
        at: string | null;
      };
      if (next.at && new Date(next.at) > w.clock.now()) w.clock.set(next.at);
    }
    const stall = meter.stop();
    expect(nudges.outbox.counts().pending, 'messages still waiting').to.equal(0);
    expect(stall, 'longest event-loop stall (ms of CPU between ticks)').to.be.below(MAX_EVENT_LOOP_STALL_MS);
    const delivered = messengers.flatMap((m) => m.delivered);
    for (const id of ids) {
      expect(nudges.outbox.bySubject(id).length, `messages caused by ${id}`).to.be.at.most(
        MAX_MESSAGES_PER_INTRODUCTION,
      );
      const h = w.handovers.find(id)!;
      const toJo = web.delivered.filter((d) => d.to === 'jo');
      expect(
        toJo.some((d) => d.kind === 'receipt' && d.subjectId === id),
        'Jo has a receipt',
      ).to.equal(true);
      const notReachedNotices = nudges.outbox.bySubject(id).filter((r) => r.card.params?.reason === 'not_reached');
      if (h.state === 'not_reached') {
        expect(
          notReachedNotices.map((r) => r.status),
          'one "couldn\'t reach" message to Jo',
        ).to.deep.equal(['sent']);
      } else {
        expect(h.state).to.equal('sent');
        expect(notReachedNotices).to.have.length(0);
        const reached = delivered.some(
          (d) => d.subjectId === id && d.to !== 'jo' && (d.kind === 'introduction' || d.kind === 'escalation'),
        );
        expect(reached, 'someone at the service has the introduction').to.equal(true);
      }
    }
  } finally {
    meter.stop();
    await nudges.stop();
    w.cleanup();
  }
}

describe('reaching named contacts, whatever the directory and the platforms do', function () {
  this.timeout(120_000);

  it('given random directories and delivery failures, then each introduction sends a bounded number of messages, never stalls, and Jo knows where it stands', async () => {
    await assertFuzz(fc.asyncProperty(worldArb, runWorld), RUNS);
  });
});
