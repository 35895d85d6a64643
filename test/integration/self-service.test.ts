// A named contact keeps their own entry right from chat: capacity ("We're full until 12 Jan") and their settings.
import { expect } from 'chai';
import { handleAction } from '../../src/app/actions/handle-action.ts';
import { createCardComposerParts, searchResults } from '../../src/app/card-composer.ts';
import { buildIntroduceForm } from '../../src/cards/introduce-form.ts';
import { DirectoryAuditStore } from '../../src/storage/directory-audit-store.ts';
import { makeNudgeWorld, type NudgeWorld } from '../support/nudge-world.ts';
import { activity, TEAMS_USERS } from '../fixtures/teams/activities.ts';
import { startTeamsWorld, type TeamsWorld } from '../support/teams-world.ts';
import { commandBody, FORM, postSigned } from '../support/slack-sign.ts';
import { slashCommand } from '../support/slack-payloads.ts';
import { SLACK_USERS, startSlackHarness, type SlackHarness } from '../support/slack-harness.ts';

describe('self-service from chat', () => {
  describe('through the shared action handler', () => {
    let w: NudgeWorld;
    beforeEach(() => {
      w = makeNudgeWorld({ start: '2026-12-01T10:00:00Z' });
    });
    afterEach(() => w.cleanup());
    const say = (actorId: string, text: string) => {
      const cards = createCardComposerParts({
        db: w.db,
        clock: w.clock,
        handovers: w.handovers,
        people: w.people,
        services: w.services,
      });
      return handleAction(
        { db: w.db, clock: w.clock, handoverService: w.handoverService, cards, people: w.people, services: w.services },
        { actorId, actionId: 'say', subjectId: 'chat', inputs: { text } },
      );
    };
    const searchLine = () => {
      const results = searchResults({ db: w.db, clock: w.clock, people: w.people }, { q: 'anxiety' });
      return JSON.stringify(buildIntroduceForm({ query: { q: 'anxiety' }, results }).blocks);
    };

    it('given Sam says "We\'re full until 12 Jan", then search shows the service closed until then, the change is audited, and the day after it is open again', async () => {
      const answer = say('sam', "We're full until 12 Jan");
      expect(answer.kind).to.equal('card');
      expect(w.services.get('svc-mind-lambeth')).to.deep.include({ capacity: 'closed', capacityUntil: '2027-01-12' });
      expect(searchLine()).to.match(/Closed until Tue 12 Jan\b/);
      expect(new DirectoryAuditStore(w.db).about('svc-mind-lambeth')[0]).to.deep.include({
        actor: 'sam',
        action: 'capacity_set',
      });
      await w.at('2027-01-12T12:00:00Z');
      expect(w.services.get('svc-mind-lambeth')!.capacity).to.equal('closed');
      await w.at('2027-01-13T00:30:00Z');
      expect(w.services.get('svc-mind-lambeth')).to.deep.include({ capacity: 'open', capacityUntil: null });
    });

    it('given Jo is no named contact, when she says "We\'re full", then she is told so and nothing changes', () => {
      const answer = say('jo', "We're full");
      expect(answer).to.deep.include({
        kind: 'error',
        message: 'You are not a named contact of any service in the directory, so there is no capacity to change.',
      });
      expect(w.services.get('svc-mind-lambeth')!.capacity).to.equal('open');
    });

    it('given Sam types "settings", then he sees his settings; "settings time zone Europe/Paris" saves it and a typo is explained', () => {
      const shown = say('sam', 'settings');
      expect(JSON.stringify(shown)).to.contain(
        'Time zone Europe/London; working hours 09:00-17:00; reminders sent one by one (digest off).',
      );
      say('sam', 'settings time zone Europe/Paris');
      say('sam', 'settings digest daily');
      expect(w.people.get('sam')).to.deep.include({ timeZone: 'Europe/Paris', digest: true });
      const typo = say('sam', 'settings hours 17-9');
      expect(typo).to.deep.include({ kind: 'error' });
      expect(typo.kind === 'error' && typo.message).to.match(
        /^"17-9" are not working hours; write whole hours like 09:00-17:00\./,
      );
    });
  });

  describe('in Slack', function () {
    this.timeout(20_000);
    let h: SlackHarness;
    afterEach(async () => {
      await h?.close();
    });

    it('given Sam types "/handover settings digest daily", then only he sees the answer, his digest is on and no modal opens', async () => {
      h = await startSlackHarness();
      await postSigned(
        h.eventsUrl,
        commandBody(slashCommand({ user_id: SLACK_USERS.sam, text: 'settings digest daily' })),
        FORM,
      );
      const [said] = await h.api.waitFor('chat.postEphemeral');
      expect(said.body).to.deep.include({ user: SLACK_USERS.sam });
      expect(String(said.body.text)).to.match(/^Settings saved: .*reminders folded into one daily digest/);
      expect(h.container.people.get('sam')!.digest).to.equal(true);
      expect(h.api.callsTo('views.open')).to.have.length(0);
    });
  });

  describe('in a Teams 1:1 chat', function () {
    this.timeout(20_000);
    let t: TeamsWorld;
    afterEach(async () => {
      await t?.stop();
    });

    it('given Sam is linked on Teams, when he writes "We\'re full until 12 Jan", then the bot confirms and the directory shows it', async () => {
      t = await startTeamsWorld();
      t.linkTeams('sam');
      await t.post({ ...activity('message', TEAMS_USERS.sam, t.connector.url), text: "We're full until 12 Jan" });
      const [reply] = t.connector.sent();
      expect(String(reply.body.text)).to.match(
        /^Capacity updated: Wellbeing Hub now shows "Closed" until Tue 12 Jan 2027/,
      );
      expect(t.container.services.get('svc-mind-lambeth')).to.deep.include({
        capacity: 'closed',
        capacityUntil: '2027-01-12',
      });
    });
  });
});
