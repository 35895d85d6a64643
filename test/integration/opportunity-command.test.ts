import { expect } from 'chai';
import { Command } from 'commander';
import { registerOpportunityCommands } from '../../src/cli/opportunity-command.ts';
import { OutboxStore } from '../../src/storage/outbox-store.ts';
import { openDatabase } from '../../src/storage/sqlite.ts';
import {
  makeOpportunityWorld,
  opportunityInput,
  PEER_GROUP,
  TEAMS_GROUP,
  type OpportunityWorld,
} from '../support/opportunity-world.ts';

describe("handover opportunity … (the coordinator's command line)", () => {
  let w: OpportunityWorld;
  let lines: string[];

  async function run(...args: string[]): Promise<string[]> {
    lines = [];
    const program = new Command('handover').exitOverride();
    registerOpportunityCommands(program, {
      openDb: () => openDatabase(w.path),
      now: () => w.clock.now(),
      out: (line) => lines.push(line),
      timeZone: 'Europe/London',
    });
    await program.parseAsync(args, { from: 'user' });
    return lines;
  }

  beforeEach(() => {
    w = makeOpportunityWorld();
  });
  afterEach(() => w.cleanup());

  it('given nothing posted, then list says so', async () => {
    expect(await run('opportunity', 'list')).to.deep.equal(['No opportunities have been posted yet.']);
  });

  it('given one open and one past its deadline, then list --open shows only the open one with its deadline and channels', async () => {
    const open = w.opportunities.postOpportunity(
      'sam',
      opportunityInput({ title: 'Gardening volunteers', type: 'volunteering', deadline: '2026-12-20' }),
      [PEER_GROUP, TEAMS_GROUP],
    );
    w.opportunities.postOpportunity('sam', opportunityInput({ deadline: '2026-11-24' }), [PEER_GROUP]);
    w.clock.set('2026-11-25T10:00:00Z');
    expect(await run('opportunity', 'list', '--open')).to.deep.equal([
      `${open.id}  open    Volunteering  apply by Sun 20 Dec  Gardening volunteers (Mind in Lambeth), 2 channels`,
    ]);
    expect(await run('opportunity', 'list')).to.have.length(2);
  });

  it('given close ID, then it is closed and each posted card is queued to show "Closed"; closing again says so', async () => {
    const o = w.opportunities.postOpportunity('sam', opportunityInput(), [PEER_GROUP, TEAMS_GROUP]);
    expect(await run('opportunity', 'close', o.id)).to.deep.equal([
      `Closed ${o.id} (Confidence and wellbeing group). Its cards in 2 channels will show "Closed".`,
    ]);
    expect(w.opportunities.get(o.id)).to.include({ status: 'closed', closeReason: 'manual', closedBy: 'system' });
    expect(new OutboxStore(w.db).bySubject(o.id).filter((r) => r.idempotencyKey.includes(':closed:'))).to.have.length(
      2,
    );
    expect(await run('opportunity', 'close', o.id)).to.deep.equal([
      `${o.id} (Confidence and wellbeing group) was already closed (Mon 23 Nov, 10:00).`,
    ]);
  });

  it('given an unknown id, then close fails with a sentence naming it', async () => {
    let message = '';
    try {
      await run('opportunity', 'close', 'O-NOPE-NOPE');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).to.equal("We couldn't find opportunity O-NOPE-NOPE. It may have been removed.");
  });

  it('given channels posted to, then groups lists them by name', async () => {
    w.store.registerPeerGroup(PEER_GROUP, 'Lambeth employment network', 'kim', w.clock.now().toISOString());
    w.opportunities.postOpportunity('sam', opportunityInput(), [PEER_GROUP]);
    expect(await run('opportunity', 'groups')).to.deep.equal([
      'Lambeth employment network  (slack T0LAMBETH C0EMPLOY)',
    ]);
  });
});
