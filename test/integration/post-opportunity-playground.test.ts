// Posting an opportunity in the playground: the form, the card in the peer-group channel, and the card reading
// "Closed" once the deadline has passed and the sweep has run. The whole server from startApp, over real HTTP.
import { expect } from 'chai';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../src/main/start.ts';
import { readConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { DEMO_PEER_GROUP, DEMO_PEOPLE, DEMO_SERVICE_ID } from '../../src/directory-io/demo-directory.ts';
import { DAY_MS, FixedClock, tempDir } from '../support/make.ts';

type Json = Record<string, unknown>;

async function act(app: RunningApp, body: Json): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${app.url}/playground/api/actions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Json };
}

async function channel(
  app: RunningApp,
): Promise<{ id: string; name: string; messages: { summary: string; card: Json }[] }[]> {
  for (let i = 0; i < 5; i++) await app.nudges.dispatcher.runOnce();
  const res = await fetch(`${app.url}/playground/api/channel?as=${DEMO_PEOPLE.peer}`);
  return ((await res.json()) as { channels: never[] }).channels;
}

const COURSE = {
  title: 'Confidence and CV course',
  provider: 'Southwark Works',
  type: 'course',
  summary: 'Four mornings on CVs and interviews.',
  dates: 'Tuesdays 10:00 to 12:00 from 1 December',
  deadline: '2026-11-30',
  whoFor: 'People aged 18 and over looking for work',
  howToJoin: 'Introduce them here, or they can call 020 7946 0000',
  serviceId: DEMO_SERVICE_ID,
  channels: DEMO_PEER_GROUP.channelId,
};

describe('posting an opportunity in the playground', () => {
  let app: RunningApp;
  let tmp: ReturnType<typeof tempDir>;
  let clock: FixedClock;
  beforeEach(async () => {
    tmp = tempDir('post-opportunity-');
    clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));
    app = await startApp(
      readConfig({ PORT: '0', DATABASE_PATH: join(tmp.dir, 'handover.db') }),
      createLogger('silent'),
      { clock, scheduler: false },
    );
  });
  afterEach(async () => {
    await app.stop();
    tmp.cleanup();
  });

  it('given Priya presses "Post an opportunity", then the form offers the demo peer group and every field', async () => {
    const r = await act(app, { as: DEMO_PEOPLE.peer, actionId: 'opportunity_start', subjectId: 'web' });
    expect(r.status).to.equal(200);
    const text = JSON.stringify(r.json.card);
    for (const label of [
      'Title',
      'Who runs it',
      'What kind of opportunity',
      'Apply by',
      'Who it is for',
      'How to join',
      'Post to',
      DEMO_PEER_GROUP.name,
    ]) {
      expect(text).to.contain(label);
    }
  });

  it('given Priya posts a course, then its card appears in the channel, and after the deadline the card reads Closed', async () => {
    const posted = await act(app, {
      as: DEMO_PEOPLE.peer,
      actionId: 'opportunity_submit',
      subjectId: 'web',
      inputs: COURSE,
    });
    expect(posted.status, JSON.stringify(posted.json)).to.equal(200);
    expect(JSON.stringify(posted.json.card)).to.contain(`posted to ${DEMO_PEER_GROUP.name}`);

    const [group] = await channel(app);
    expect(group).to.include({ id: DEMO_PEER_GROUP.channelId, name: DEMO_PEER_GROUP.name });
    expect(group.messages).to.have.length(1);
    expect(JSON.stringify(group.messages[0].card))
      .to.contain('Confidence and CV course')
      .and.to.contain('Introduce a client to this');

    clock.advance(8 * DAY_MS); // past the end of 30 November
    app.nudges.sweep();
    const [after] = await channel(app);
    expect(after.messages, 'the same card, updated in place').to.have.length(1);
    const closed = JSON.stringify(after.messages[0].card);
    expect(closed).to.contain('Closed: Confidence and CV course').and.to.contain('the deadline passed');
    expect(closed).not.to.contain('Introduce a client to this');
  });

  it('given the form is sent half-filled, then it comes back with a message beside each missing field and nothing is posted', async () => {
    const r = await act(app, {
      as: DEMO_PEOPLE.peer,
      actionId: 'opportunity_submit',
      subjectId: 'web',
      inputs: { title: 'Job club', deadline: '2026-11-01' },
    });
    expect(r.status).to.equal(422);
    expect(r.json.fields).to.have.keys('provider', 'type', 'whoFor', 'howToJoin', 'deadline', 'channels');
    const form = JSON.stringify(r.json.form);
    expect(form).to.contain('Job club').and.to.contain('The deadline must be in the future.');
    expect(app.opportunities.list()).to.have.length(0);
  });

  it('given a channel that is not a registered peer group, then posting there is refused', async () => {
    const r = await act(app, {
      as: DEMO_PEOPLE.peer,
      actionId: 'opportunity_submit',
      subjectId: 'web',
      inputs: { ...COURSE, channels: 'somewhere-else' },
    });
    expect(r.status).to.equal(422);
    expect((r.json.fields as Json).channels).to.match(/not a peer group/);
    expect(app.opportunities.list()).to.have.length(0);
  });

  it('given Jo clicks "Introduce a client to this" on the channel card, then the introduce form answers only Jo, and sending it introduces to the named contact', async () => {
    await act(app, { as: DEMO_PEOPLE.peer, actionId: 'opportunity_submit', subjectId: 'web', inputs: COURSE });
    const [o] = app.opportunities.list();
    const opened = await act(app, {
      as: DEMO_PEOPLE.introducer,
      actionId: 'introduce_to_opportunity',
      subjectId: o.id,
    });
    expect(opened.json.kind).to.equal('form');
    expect(JSON.stringify(opened.json.card)).to.contain('Confidence and CV course');
    const sent = await act(app, {
      as: DEMO_PEOPLE.introducer,
      actionId: 'introduce_submit',
      subjectId: DEMO_SERVICE_ID,
      inputs: {
        opportunityId: o.id,
        clientName: 'R.T.',
        needs: 'Wants to rebuild confidence',
        reasonForService: 'Course fits',
        contactMethod: 'Phone',
        contactDetails: '07700 900123',
        consent: 'true',
      },
    });
    expect(sent.status, JSON.stringify(sent.json)).to.equal(200);
    const [group] = await channel(app);
    expect(JSON.stringify(group)).not.to.contain('R.T.').and.not.to.contain('07700 900123');
  });
});
