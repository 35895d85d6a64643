import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { importDirectory } from '../../src/directory-io/directory-files.ts';
import { personIdForEmail } from '../../src/directory-io/record.ts';
import { purgeCandidates } from '../../src/scheduler/purge.ts';
import { sweep } from '../../src/scheduler/sweep.ts';
import { REVIEW_ANSWER_DAYS } from '../../src/scheduler/directory-review.ts';
import { DAY_MS, introduceInput, makeService } from '../support/make.ts';
import { makeNudgeWorld, type NudgeWorld } from '../support/nudge-world.ts';

describe('the sweep', () => {
  let w: NudgeWorld;
  afterEach(() => w.cleanup());

  describe('directory freshness', () => {
    beforeEach(() => {
      w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z' });
      w.services.upsert(makeService({ lastReviewed: '2025-08-01' }), w.clock.now().toISOString());
    });

    it('given a service not reviewed for a year, its contacts are asked "Is this still right?" once', async () => {
      await w.at('2026-09-07T09:00:00Z');
      await w.at('2026-09-08T09:00:00Z');
      expect(w.inbox('sam')).to.deep.equal(['review_request']);
      expect(w.inbox('alex')).to.deep.equal(['review_request']);
    });

    it('given no answer within 30 days, the service is marked stale', async () => {
      await w.at('2026-09-07T09:00:00Z');
      await w.at(new Date(Date.parse('2026-09-07T09:00:00Z') + (REVIEW_ANSWER_DAYS - 1) * DAY_MS).toISOString());
      expect(w.services.get('svc-mind-lambeth')!.staleSince).to.equal(null);
      await w.at(new Date(Date.parse('2026-09-07T09:00:00Z') + REVIEW_ANSWER_DAYS * DAY_MS).toISOString());
      expect(w.services.get('svc-mind-lambeth')!.staleSince).to.equal('2026-10-07T09:00:00.000Z');
    });

    it('given a directory file without review dates, when imported, then nobody is asked for a review at the next sweep', async () => {
      const csv = readFileSync(new URL('../fixtures/directory-csv/good.csv', import.meta.url), 'utf8').replace(
        /,(2026-\d\d-\d\d),/g,
        ',,',
      );
      importDirectory(w.db, csv, 'csv', w.clock.now());
      await w.at('2026-09-08T09:00:00Z');
      expect(w.inbox(personIdForEmail('helen.park@example.org'))).to.deep.equal([]);
      expect(w.services.get('money-advice')!.lastReviewed).to.equal('2026-09-07');
    });

    it('given someone confirms the entry meanwhile, it is not marked stale', async () => {
      await w.at('2026-09-07T09:00:00Z');
      w.services.upsert(makeService({ lastReviewed: '2026-09-10' }), w.clock.now().toISOString());
      await w.at('2026-10-08T09:00:00Z');
      expect(w.services.get('svc-mind-lambeth')!.staleSince).to.equal(null);
    });
  });

  describe('retention', () => {
    it('purges client details and notes 90 days after closure, keeps the handover and audits it', async () => {
      w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z', extra: { retentionDays: 90 } });
      const h = w.handoverService.introduce('jo', introduceInput());
      w.handoverService.act(h.id, { type: 'add_note', actorId: 'jo', text: 'R.T. prefers mornings' });
      w.handoverService.act(h.id, { type: 'withdraw', actorId: 'jo' });
      const closedAt = Date.parse(w.handovers.find(h.id)!.closedAt!);
      await w.at(new Date(closedAt + 89 * DAY_MS).toISOString());
      expect(w.handovers.find(h.id)!.client).to.not.equal(null);
      await w.at(new Date(closedAt + 90 * DAY_MS).toISOString());
      const purged = w.handovers.find(h.id)!;
      expect(purged.client).to.equal(null);
      expect(purged.purgedAt).to.not.equal(null);
      expect(purged.state).to.equal('withdrawn');
      expect(w.handovers.notes(h.id)).to.deep.equal([]);
      expect(w.auditOf(h.id).slice(-1)).to.deep.equal(['purged']);
      expect(JSON.stringify(w.handovers.audit(h.id))).not.to.contain('R.T.');
      expect(purgeCandidates(w.db, w.clock.now(), 90)).to.deep.equal([]);
    });

    it('never purges an introduction while it is open and younger than the retention maximum', async () => {
      w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z', extra: { retentionDays: 1 } });
      const h = w.handoverService.introduce('jo', introduceInput());
      w.handoverService.act(h.id, { type: 'accept', actorId: 'sam' });
      await w.at('2026-09-21T09:00:00Z'); // follow-up passed, Jo asked, still open
      expect(w.handovers.find(h.id)!.state).to.equal('accepted');
      expect(w.handovers.find(h.id)!.client).to.not.equal(null);
    });
  });

  it('given the sweep fails half-way, nothing it did is kept', async () => {
    w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z' });
    w.handoverService.introduce('jo', introduceInput());
    await w.nudges.dispatcher.runOnce();
    const before = w.nudges.outbox.counts();
    w.clock.set('2026-09-09T10:00:00Z');
    const deps = {
      ...w.nudges.sweepDeps,
      extraJobs: [
        () => {
          throw new Error('boom');
        },
      ],
    };
    expect(() => sweep(deps, w.clock.now())).to.throw('boom');
    expect(w.nudges.outbox.counts()).to.deep.equal(before);
    expect(w.nudges.schedule.due(w.clock.now(), 10).map((r) => r.kind)).to.deep.equal(['reply_nudge']);
  });
});
