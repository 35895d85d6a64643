import { expect } from 'chai';
import { activity, TEAMS_USERS, TENANT_ID } from '../fixtures/teams/activities.ts';
import { introduceInput } from '../support/make.ts';
import { startTeamsWorld, type TeamsWorld } from '../support/teams-world.ts';
import { inputsOf } from '../fixtures/teams/card-parts.ts';

type DialogCard = { contentType: string; content: unknown };
const inputIds = (card: DialogCard) => inputsOf(card.content).map((i) => i.id);

type CardJson = {
  actions?: { type: string; verb?: string; title: string; data?: Record<string, unknown> }[];
  refresh?: { userIds: string[] };
};

describe('Teams: the bot on a real server with a fake Bot Connector', () => {
  let w: TeamsWorld;
  beforeEach(async () => {
    w = await startTeamsWorld();
  });
  afterEach(async () => w.stop());

  it('given Jo installs the app, then her 1:1 conversation is stored on her Teams identity (matched by e-mail)', async () => {
    w.connector.members.set(TEAMS_USERS.jo.teamsUserId, {
      id: TEAMS_USERS.jo.teamsUserId,
      aadObjectId: TEAMS_USERS.jo.aadObjectId,
      email: 'jo@example.org',
      userPrincipalName: 'jo@example.org',
    });
    const res = await w.post(activity('installation-update-add', TEAMS_USERS.jo, w.connector.url));
    expect(res.status).to.equal(200);
    const jo = w.container.people.get('jo')!;
    const teams = jo.identities.find((i) => i.platform === 'teams')!;
    expect(teams).to.include({ tenant: TENANT_ID, userId: TEAMS_USERS.jo.aadObjectId });
    expect((teams.details as { reference: { conversation: { id: string } } }).reference.conversation.id).to.equal(
      TEAMS_USERS.jo.conversationId,
    );
  });

  it('given an unknown Teams user says "introduce", then they are told to ask their coordinator and nothing is stored', async () => {
    const res = await w.post(activity('message', TEAMS_USERS.pat, w.connector.url));
    expect(res.status).to.equal(200);
    const replies = w.connector.sent();
    expect(replies).to.have.length(1);
    expect(String(replies[0].body.text)).to.match(/ask your coordinator/i);
    expect(w.container.people.get('pat')!.identities.some((i) => i.platform === 'teams')).to.equal(false);
  });

  it('given Jo is linked, when she says "introduce", then the reply offers a button that opens the introduce dialog', async () => {
    w.linkTeams('jo');
    await w.post(activity('message', TEAMS_USERS.jo, w.connector.url));
    const [reply] = w.connector.sent();
    expect(reply.conversationId).to.equal(TEAMS_USERS.jo.conversationId);
    const card = (reply.body.attachments as { contentType: string; content: CardJson }[])[0];
    expect(card.contentType).to.equal('application/vnd.microsoft.card.adaptive');
    expect(card.content.actions![0].data).to.deep.include({ msteams: { type: 'task/fetch' } });
  });

  it('task/fetch opens the dialog on the directory search; choosing a service shows the introduce form', async () => {
    w.linkTeams('jo');
    const fetched = await w.post(activity('task-fetch', TEAMS_USERS.jo, w.connector.url));
    expect(fetched.status).to.equal(200);
    expect(fetched.body!.task!.type).to.equal('continue');
    const search = (fetched.body!.task!.value as { card: DialogCard }).card;
    expect(search.contentType).to.equal('application/vnd.microsoft.card.adaptive');
    expect(inputIds(search)).to.include('q');

    const found = await w.post(submitting({ actionId: 'introduce_search', subjectId: 'directory', q: 'anxiety' }));
    const start = JSON.stringify(found.body!.task!.value);
    expect(start).to.contain('svc-mind-lambeth');

    const form = await w.post(submitting({ actionId: 'introduce_start', subjectId: 'svc-mind-lambeth' }));
    expect(form.body!.task!.type).to.equal('continue');
    expect(inputIds((form.body!.task!.value as { card: DialogCard }).card)).to.include.members(['needs', 'consent']);
  });

  it('task/submit without consent shows the error in the form, keeps what was typed, and stores nothing', async () => {
    w.linkTeams('jo');
    const refused = await w.post(
      submitting({
        actionId: 'introduce_submit',
        subjectId: 'svc-mind-lambeth',
        ...introduceInput({ consent: 'false' }),
      }),
    );
    expect(refused.body!.task!.type).to.equal('continue');
    const shown = JSON.stringify(refused.body!.task!.value);
    expect(shown).to.match(/client agreed/);
    expect(shown).to.contain('Feeling anxious about starting work again.');
    expect((w.container.db.prepare('SELECT count(*) n FROM handovers').get() as { n: number }).n).to.equal(0);
  });

  it('task/submit with consent sends the introduction and closes the dialog with a sentence', async () => {
    w.linkTeams('jo');
    const res = await w.post(
      submitting({
        actionId: 'introduce_submit',
        subjectId: 'svc-mind-lambeth',
        ...introduceInput({ consent: 'true' }),
      }),
    );
    expect(res.body!.task!.type).to.equal('message');
    expect(String(res.body!.task!.value)).to.match(/Sam Patel/);
    const row = w.container.db.prepare('SELECT introducer_id, contact_id, state FROM handovers').get();
    expect(row).to.deep.equal({ introducer_id: 'jo', contact_id: 'sam', state: 'sent' });
  });

  it('the message extension opens the dialog with the message text carried, as plain words, into the form', async () => {
    w.linkTeams('jo');
    const html = '<p>Client <b>R.T.</b> wants help with anxiety &amp; work <at>Sam</at></p>';
    const res = await w.post(
      activity('compose-extension-fetch-task', TEAMS_USERS.jo, w.connector.url, { messageHtml: html }),
    );
    expect(res.status).to.equal(200);
    expect(res.body!.task!.type).to.equal('continue');
    const search = JSON.stringify(res.body!.task!.value);
    expect(search).to.contain('"needs":"Client R.T. wants help with anxiety & work"');
    const form = await w.post(
      submitting({
        actionId: 'introduce_start',
        subjectId: 'svc-mind-lambeth',
        needs: 'Client R.T. wants help with anxiety & work',
      }),
    );
    const inputs = inputsOf((form.body!.task!.value as { card: DialogCard }).card.content);
    expect(inputs.find((i) => i.id === 'needs')!.value).to.equal('Client R.T. wants help with anxiety & work');
  });

  it('the message extension submit runs the same introduce action', async () => {
    w.linkTeams('jo');
    const submit = activity('compose-extension-submit-action', TEAMS_USERS.jo, w.connector.url);
    (submit.value as Record<string, unknown>).data = {
      actionId: 'introduce_submit',
      subjectId: 'svc-mind-lambeth',
      ...introduceInput({ consent: 'true' }),
    };
    const res = await w.post(submit);
    expect(res.status).to.equal(200);
    expect(res.body!.task!.type).to.equal('message');
    expect((w.container.db.prepare('SELECT count(*) n FROM handovers').get() as { n: number }).n).to.equal(1);
  });

  function submitting(data: Record<string, unknown>) {
    const submit = activity('task-submit', TEAMS_USERS.jo, w.connector.url);
    (submit.value as Record<string, unknown>).data = data;
    return submit;
  }

  describe('Universal Actions on the introduction card', () => {
    let handoverId: string;
    beforeEach(() => {
      w.linkTeams('sam');
      w.linkTeams('alex');
      w.linkTeams('jo');
      handoverId = w.container.handoverService.introduce('jo', introduceInput()).id;
    });

    function press(who: 'sam' | 'alex' | 'jo', verb: string) {
      return w.post(
        activity('invoke-adaptive-card-action', TEAMS_USERS[who], w.connector.url, { verb, subjectId: handoverId }),
      );
    }

    it('when Sam (the named contact) presses Accept, then the invoke returns the refreshed card in place and the handover is accepted', async () => {
      const res = await press('sam', 'accept');
      expect(res.status).to.equal(200);
      expect(res.body).to.include({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
      const card = res.body!.value as CardJson;
      expect(card.refresh!.userIds).to.deep.equal([TEAMS_USERS.sam.teamsUserId]);
      expect(card.actions!.every((a) => a.type === 'Action.Execute')).to.equal(true);
      expect(card.actions!.map((a) => a.verb)).to.include('confirm_contact');
      expect(w.container.handovers.find(handoverId)!.state).to.equal('accepted');
    });

    it('when Alex (not the named contact) presses Accept, then nothing changes and Alex is told why', async () => {
      const res = await press('alex', 'accept');
      expect(res.status).to.equal(200);
      expect(res.body).to.include({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
      expect(String(res.body!.value)).to.match(/Sam Patel|named contact/);
      expect(w.container.handovers.find(handoverId)!.state).to.equal('sent');
    });

    it('on refresh, the named contact sees Accept / Decline / Pass and anyone else sees the status only', async () => {
      const forSam = (await press('sam', 'refresh')).body!.value as CardJson;
      const forAlex = (await press('alex', 'refresh')).body!.value as CardJson;
      expect(forSam.actions!.map((a) => a.verb)).to.include.members(['accept', 'decline', 'pass']);
      expect((forAlex.actions ?? []).map((a) => a.verb)).not.to.include('accept');
    });
  });
});
