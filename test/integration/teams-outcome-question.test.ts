// Teams: the outcome question on Jo's receipt, as Universal Actions against the real bot and a fake Bot Connector.
import { expect } from 'chai';
import { activity, TEAMS_USERS } from '../fixtures/teams/activities.ts';
import { introduceInput } from '../support/make.ts';
import { startTeamsWorld, type TeamsWorld } from '../support/teams-world.ts';

type CardJson = { actions?: { type: string; verb?: string; title: string }[] };

describe('Teams: the outcome question on the receipt', () => {
  let w: TeamsWorld;
  let id: string;
  beforeEach(async () => {
    w = await startTeamsWorld();
    w.linkTeams('sam');
    w.linkTeams('jo');
    id = w.container.handoverService.introduce('jo', introduceInput()).id;
    w.container.handoverService.act(id, { type: 'accept', actorId: 'sam' });
    w.container.handoverService.act(id, { type: 'ask_outcome', actorId: 'system' });
  });
  afterEach(async () => w.stop());

  /** A press from the card as it is now: it carries the introduction's current version. */
  const press = (who: 'sam' | 'jo', verb: string) => {
    const invoke = activity('invoke-adaptive-card-action', TEAMS_USERS[who], w.connector.url, { verb, subjectId: id });
    const action = (invoke.value as { action: { data: Record<string, unknown> } }).action;
    action.data.version = w.container.handovers.find(id)!.version;
    return w.post(invoke);
  };

  it("given Jo was asked, when her receipt refreshes, then it offers Yes, Couldn't reach and Not yet as Action.Execute", async () => {
    const card = (await press('jo', 'refresh')).body!.value as CardJson;
    const question = (card.actions ?? []).filter((a) => a.verb?.startsWith('outcome_'));
    expect(question.map((a) => [a.verb, a.title, a.type])).to.deep.equal([
      ['outcome_yes', 'Yes', 'Action.Execute'],
      ['outcome_unreachable', "Couldn't reach", 'Action.Execute'],
      ['outcome_not_yet', 'Not yet', 'Action.Execute'],
    ]);
    expect(JSON.stringify(card)).to.contain('Did R.T. get in touch with Mind in Lambeth?');
  });

  it('when Jo presses "Not yet", then the card comes back without the question and one "Not yet" is recorded', async () => {
    const res = await press('jo', 'outcome_not_yet');
    expect(res.body).to.include({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const card = res.body!.value as CardJson;
    expect((card.actions ?? []).map((a) => a.verb)).not.to.include('outcome_yes');
    expect(w.container.handovers.find(id)).to.deep.include({ state: 'accepted', notYetCount: 1 });
  });

  it('when Sam presses Jo\'s "Couldn\'t reach", then nothing changes and Sam is told only Jo can answer', async () => {
    const res = await press('sam', 'outcome_unreachable');
    expect(res.body).to.include({ type: 'application/vnd.microsoft.activity.message' });
    expect(String(res.body!.value)).to.contain('Only Jo Rivers');
    expect(w.container.handovers.find(id)!.state).to.equal('accepted');
  });
});
