import { expect } from 'chai';
import { OpportunityError } from '../../src/domain/opportunities/errors.ts';
import { DAY_MS } from '../support/make.ts';
import {
  makeOpportunityWorld,
  opportunityInput,
  PEER_GROUP,
  TEAMS_GROUP,
  type OpportunityWorld,
} from '../support/opportunity-world.ts';

function codeOf(fn: () => unknown): { code: string; message: string; fields: Record<string, string> } {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(OpportunityError);
    return err as OpportunityError;
  }
  expect.fail('expected a refusal');
}

describe('opportunities in peer-group channels (real SQLite, real outbox)', () => {
  let w: OpportunityWorld;
  beforeEach(() => {
    w = makeOpportunityWorld();
  });
  afterEach(() => w.cleanup());

  describe('posting', () => {
    it('given Sam posts to two channels, then it is stored and one live card is queued per channel', () => {
      const o = w.opportunities.postOpportunity('sam', opportunityInput(), [PEER_GROUP, TEAMS_GROUP]);
      expect(w.store.find(o.id)).to.include({
        title: 'Confidence and wellbeing group',
        status: 'open',
        postedBy: 'sam',
        contactId: 'sam',
        serviceId: 'svc-mind-lambeth',
      });
      expect(w.queued()).to.deep.equal([
        {
          key: `opportunity:${o.id}:posted:slack:T0LAMBETH:C0EMPLOY`,
          to: 'C0EMPLOY',
          kind: 'opportunity',
          subjectId: o.id,
          mode: 'live',
          liveKey: `${o.id}:slack:C0EMPLOY`,
        },
        {
          key: `opportunity:${o.id}:posted:teams:tenant-southwark:19:abc123@thread.tacv2`,
          to: '19:abc123@thread.tacv2',
          kind: 'opportunity',
          subjectId: o.id,
          mode: 'live',
          liveKey: `${o.id}:teams:19:abc123@thread.tacv2`,
        },
      ]);
      expect(w.store.posts(o.id)).to.have.length(2);
    });

    it('given the same channel twice, then it is posted there once', () => {
      const o = w.opportunities.postOpportunity('sam', opportunityInput(), [PEER_GROUP, { ...PEER_GROUP }]);
      expect(w.queued().map((q) => q.to)).to.deep.equal(['C0EMPLOY']);
      expect(w.store.posts(o.id)).to.have.length(1);
    });

    it('given a bad form, then nothing is stored or queued and each field says what is wrong', () => {
      const err = codeOf(() =>
        w.opportunities.postOpportunity('sam', opportunityInput({ title: '', deadline: '2026-11-01' }), [PEER_GROUP]),
      );
      expect(err.code).to.equal('OPPORTUNITY_INVALID_INPUT');
      expect(err.fields).to.deep.equal({
        title: 'The title is required.',
        deadline: 'The deadline must be in the future.',
      });
      expect(w.opportunities.list()).to.deep.equal([]);
      expect(w.queued()).to.deep.equal([]);
    });

    it('given no channel, then it is refused with a message about channels', () => {
      expect(codeOf(() => w.opportunities.postOpportunity('sam', opportunityInput(), [])).fields.channels).to.equal(
        'Choose at least one channel.',
      );
    });

    it('given someone not in the directory, then they are told to ask their coordinator', () => {
      expect(
        codeOf(() => w.opportunities.postOpportunity('stranger', opportunityInput(), [PEER_GROUP])).message,
      ).to.match(/coordinator/);
    });

    it("given Jo (not a named contact) posts naming Alex as contact, then introductions go to Alex at Alex's service", () => {
      const o = w.opportunities.postOpportunity('jo', opportunityInput({ contactId: 'alex' }), [PEER_GROUP]);
      expect(o).to.include({ postedBy: 'jo', contactId: 'alex', serviceId: 'svc-mind-lambeth' });
    });

    it('given a service and a contact who is not one of its named contacts, then the contact field is refused', () => {
      const err = codeOf(() =>
        w.opportunities.postOpportunity('sam', opportunityInput({ serviceId: 'svc-mind-lambeth', contactId: 'pat' }), [
          PEER_GROUP,
        ]),
      );
      expect(err.fields.contactId).to.equal('Choose a named contact of this service.');
    });

    it("given a service and no contact from Jo, then the service's primary named contact is used", () => {
      const o = w.opportunities.postOpportunity('jo', opportunityInput({ serviceId: 'svc-mind-lambeth' }), [
        PEER_GROUP,
      ]);
      expect(o.contactId).to.equal('sam');
    });

    it('given Pat posts and is no named contact anywhere, then it is posted without a service (no introduce button)', () => {
      const o = w.opportunities.postOpportunity('pat', opportunityInput(), [PEER_GROUP]);
      expect(o.serviceId).to.equal(null);
      expect(w.opportunities.composeCard({ kind: 'opportunity', subjectId: o.id })!.actions).to.deep.equal([]);
    });

    it('a channel posted to becomes a peer group, keeping a name it was registered with', () => {
      w.store.registerPeerGroup(PEER_GROUP, 'Lambeth employment network', 'kim', w.clock.now().toISOString());
      w.opportunities.postOpportunity('sam', opportunityInput(), [PEER_GROUP, TEAMS_GROUP], {
        [TEAMS_GROUP.channelId]: 'Southwark peers',
      });
      expect(w.store.peerGroups().map((g) => g.name)).to.deep.equal(['Lambeth employment network', 'Southwark peers']);
    });
  });

  describe('closing at the deadline', () => {
    it('given the deadline passes, then closeExpired closes it and queues a "Closed" update of each posted card', () => {
      const o = w.opportunities.postOpportunity('sam', opportunityInput(), [PEER_GROUP, TEAMS_GROUP]);
      expect(w.opportunities.closeExpired(new Date('2026-12-01T23:59:00Z'))).to.deep.equal([]);
      const closed = w.opportunities.closeExpired(new Date('2026-12-02T00:00:00Z'));
      expect(closed.map((c) => [c.id, c.status, c.closeReason, c.closedAt])).to.deep.equal([
        [o.id, 'closed', 'deadline', '2026-12-02T00:00:00.000Z'],
      ]);
      const updates = w.queued().filter((q) => q.key.includes(':closed:'));
      expect(updates.map((u) => [u.to, u.mode, u.liveKey])).to.deep.equal([
        ['C0EMPLOY', 'live', `${o.id}:slack:C0EMPLOY`],
        ['19:abc123@thread.tacv2', 'live', `${o.id}:teams:19:abc123@thread.tacv2`],
      ]);
      w.clock.set('2026-12-02T00:00:00Z');
      const card = w.opportunities.composeCard({ kind: 'opportunity', subjectId: o.id })!;
      expect(card.title).to.equal('Closed: Confidence and wellbeing group');
      expect(card.actions).to.deep.equal([]);
    });

    it('given a second sweep, then nothing is closed or queued twice', () => {
      w.opportunities.postOpportunity('sam', opportunityInput(), [PEER_GROUP]);
      w.opportunities.closeExpired(new Date('2026-12-03T00:00:00Z'));
      const before = w.queued().length;
      expect(w.opportunities.closeExpired(new Date('2026-12-04T00:00:00Z'))).to.deep.equal([]);
      expect(w.queued()).to.have.length(before);
    });

    it('given the poster closes it early, then its cards update; a stranger may not close it', () => {
      const o = w.opportunities.postOpportunity('jo', opportunityInput({ contactId: 'alex' }), [PEER_GROUP]);
      expect(codeOf(() => w.opportunities.close(o.id, 'pat')).code).to.equal('OPPORTUNITY_NOT_YOURS');
      const { opportunity, noop } = w.opportunities.close(o.id, 'jo');
      expect([opportunity.status, opportunity.closeReason, noop]).to.deep.equal(['closed', 'manual', false]);
      expect(w.opportunities.close(o.id, 'jo').noop).to.equal(true);
      expect(w.queued().filter((q) => q.key.includes(':closed:'))).to.have.length(1);
      const card = w.opportunities.composeCard({ kind: 'opportunity', subjectId: o.id })!;
      expect(card.blocks[0]).to.deep.include({ style: 'attention' });
      expect(JSON.stringify(card.blocks[0])).to.contain('Closed by Jo Rivers');
    });
  });

  describe('weekly digest per channel', () => {
    it('given Monday 09:00 London, then each channel with open opportunities gets one digest for the ISO week', () => {
      w.opportunities.postOpportunity('sam', opportunityInput(), [PEER_GROUP, TEAMS_GROUP]);
      w.opportunities.postOpportunity(
        'sam',
        opportunityInput({ title: 'Gardening volunteers', type: 'volunteering', deadline: '2026-12-20' }),
        [PEER_GROUP],
      );
      w.clock.advance(7 * DAY_MS); // Monday 30 November, 10:00
      const queued = w.opportunities.weeklyDigest(new Date('2026-11-30T09:00:00Z'));
      expect(queued.map((q) => [q.card.kind, q.card.subjectId, q.mode, q.idempotencyKey])).to.deep.equal([
        ['digest', 'channel:slack:C0EMPLOY:2026-W49', 'new', 'digest:slack:T0LAMBETH:C0EMPLOY:2026-W49'],
        [
          'digest',
          'channel:teams:19:abc123@thread.tacv2:2026-W49',
          'new',
          'digest:teams:tenant-southwark:19:abc123@thread.tacv2:2026-W49',
        ],
      ]);
      const slack = w.opportunities.composeCard(queued[0].card)!;
      expect(
        slack.blocks.filter((b) => b.type === 'text' && b.style === 'heading').map((b) => (b as { text: string }).text),
      ).to.deep.equal(['Confidence and wellbeing group', 'Gardening volunteers']);
      const teams = w.opportunities.composeCard({ ...queued[1].card, params: undefined })!; // tenant found from the posts
      expect(teams.summary).to.equal('1 opportunity is still open in 19:abc123@thread.tacv2');
    });

    it('given Sunday evening or a second call in the same week, then nothing more is queued', () => {
      w.opportunities.postOpportunity('sam', opportunityInput(), [PEER_GROUP]);
      expect(w.opportunities.weeklyDigest(new Date('2026-11-30T08:59:00Z'))).to.deep.equal([]);
      expect(w.opportunities.weeklyDigest(new Date('2026-11-30T09:00:00Z'))).to.have.length(1);
      expect(w.opportunities.weeklyDigest(new Date('2026-11-30T09:01:00Z'))).to.deep.equal([]);
      expect(w.opportunities.weeklyDigest(new Date('2026-12-03T15:00:00Z'))).to.deep.equal([]);
      expect(w.queued().filter((q) => q.kind === 'digest')).to.have.length(1);
    });

    it('given a channel whose opportunities have all closed, then it gets no digest', () => {
      w.opportunities.postOpportunity('sam', opportunityInput({ deadline: '2026-11-25' }), [PEER_GROUP]);
      expect(w.opportunities.weeklyDigest(new Date('2026-11-30T09:00:00Z'))).to.deep.equal([]);
    });

    it('given the digest is composed after the last one closed, then there is nothing to send', () => {
      w.opportunities.postOpportunity('sam', opportunityInput({ deadline: '2026-11-30T12:00' }), [PEER_GROUP]);
      const [req] = w.opportunities.weeklyDigest(new Date('2026-11-30T09:00:00Z'));
      w.clock.set('2026-11-30T12:00:00Z');
      expect(w.opportunities.composeCard(req.card)).to.equal(null);
    });
  });

  describe('introducing a client to an opportunity', () => {
    it('given an open opportunity, then the form is prefilled with its service and named contact, and the introduction records it', () => {
      const o = w.opportunities.postOpportunity('jo', opportunityInput({ contactId: 'alex' }), [PEER_GROUP]);
      expect(w.opportunities.introduceToOpportunity(o.id, 'pat')).to.deep.equal({
        opportunityId: o.id,
        opportunityTitle: 'Confidence and wellbeing group',
        serviceId: 'svc-mind-lambeth',
        serviceName: 'Wellbeing Hub',
        contactId: 'alex',
        contactName: 'Alex Morgan',
      });
      const h = w.handoverService.introduce(
        'pat',
        w.opportunities.introductionInput(o.id, 'pat', {
          clientName: 'R.T.',
          needs: 'Wants to meet people',
          reasonForService: 'The group suits them',
          contactMethod: 'Phone',
          consent: true,
          serviceId: 'other',
          contactId: 'kim',
        }),
      );
      expect(h).to.include({ contactId: 'alex', serviceId: 'svc-mind-lambeth', opportunityId: o.id, state: 'sent' });
    });

    it('given the opportunity has closed, then "Introduce a client to this" is refused with its title', () => {
      const o = w.opportunities.postOpportunity('sam', opportunityInput(), [PEER_GROUP]);
      w.clock.set('2026-12-02T00:00:00Z');
      const err = codeOf(() => w.opportunities.introduceToOpportunity(o.id, 'jo'));
      expect(err.code).to.equal('OPPORTUNITY_CLOSED');
      expect(err.message).to.contain('"Confidence and wellbeing group" has closed');
    });

    it('given no directory service, then the person is pointed to "How to join"', () => {
      const o = w.opportunities.postOpportunity('pat', opportunityInput(), [PEER_GROUP]);
      expect(codeOf(() => w.opportunities.introduceToOpportunity(o.id, 'jo')).message).to.match(/How to join/);
    });

    it('given an introduction made through an opportunity, then no client detail ever reaches its channel card or digest', () => {
      const o = w.opportunities.postOpportunity('sam', opportunityInput(), [PEER_GROUP]);
      w.handoverService.introduce(
        'jo',
        w.opportunities.introductionInput(o.id, 'jo', {
          clientName: 'Zed Q.',
          needs: 'Panic attacks on buses',
          reasonForService: 'Near home',
          contactMethod: '07700 900999',
          contactDetails: '07700 900999',
          consent: true,
        }),
      );
      const [digest] = w.opportunities.weeklyDigest(new Date('2026-11-23T10:00:00Z'));
      const shown = JSON.stringify([
        w.opportunities.composeCard({ kind: 'opportunity', subjectId: o.id }),
        w.opportunities.composeCard(digest.card),
      ]);
      for (const secret of ['Zed', 'Panic', '07700']) expect(shown).not.to.contain(secret);
      expect(JSON.stringify(w.queued())).not.to.contain('Zed');
    });
  });
});
