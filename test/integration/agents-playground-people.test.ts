// Local Teams mode (TEAMS=on, no app id): the Agents Playground's own users are in the demo directory, so its user,
// Alex Wilber, can say "introduce" at once.
import { expect } from 'chai';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../src/main/start.ts';
import { readConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { AGENTS_PLAYGROUND_TENANT } from '../../src/directory-io/agents-playground-people.ts';
import { DEMO_SERVICE_ID } from '../../src/directory-io/demo-directory.ts';
import { FakeBotConnector } from '../support/fake-bot-connector.ts';
import { FixedClock, tempDir } from '../support/make.ts';
import { activity } from '../fixtures/teams/activities.ts';

const ALEX = {
  aadObjectId: '00000000-0000-0000-0000-0000000000020',
  teamsUserId: 'user-id-0',
  conversationId: 'personal-chat-id',
};

describe('local Teams mode: the Agents Playground users are demo people', () => {
  let app: RunningApp | undefined;
  let tmp: ReturnType<typeof tempDir>;
  let connector: FakeBotConnector;
  beforeEach(async () => {
    tmp = tempDir('agents-playground-');
    connector = new FakeBotConnector();
    await connector.start();
  });
  afterEach(async () => {
    await app?.stop();
    await connector.stop();
    tmp.cleanup();
  });

  const start = async (env: Record<string, string>) => {
    app = await startApp(
      readConfig({ PORT: '0', DATABASE_PATH: join(tmp.dir, 'handover.db'), ...env }),
      createLogger('silent'),
      { clock: new FixedClock(), scheduler: false },
    );
    return app;
  };

  const alexSays = (text: string) => {
    const a = activity('message', ALEX, connector.url) as Record<string, unknown> & {
      conversation: Record<string, unknown>;
      channelData: { tenant: { id: string } };
    };
    a.text = text;
    a.conversation.tenantId = AGENTS_PLAYGROUND_TENANT;
    a.channelData.tenant.id = AGENTS_PLAYGROUND_TENANT;
    return a;
  };

  it('given TEAMS=on without an app id, when Alex Wilber says "introduce" in the Playground, then he gets the introduce card, not "ask your coordinator"', async () => {
    const running = await start({ TEAMS: 'on' });
    expect(running.container.people.findByEmail('alexw@example.com')?.name).to.equal('Alex Wilber');
    expect(running.container.people.findByEmail('meganb@example.com')?.name).to.equal('Megan Bowen');
    const res = await fetch(`${running.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(alexSays('introduce')),
    });
    expect(res.status).to.equal(200);
    const [reply] = connector.sent();
    expect(String(reply.body.text ?? '')).not.to.match(/ask your coordinator/i);
    expect(JSON.stringify(reply.body.attachments)).to.contain('Introduce a client');
  });

  it('given the Playground opens no dialogs, when Alex presses "Introduce a client" and sends the form in the chat card, then the introduction is made', async () => {
    const running = await start({ TEAMS: 'on' });
    const post = async (body: unknown) => {
      const res = await fetch(`${running.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      return text ? (JSON.parse(text) as { type?: string; value?: unknown }) : {};
    };
    await post(alexSays('introduce'));
    const button = (
      connector.sent()[0].body.attachments as { content: { actions: { type: string; verb?: string }[] } }[]
    )[0].content.actions[0];
    expect(button).to.include({ type: 'Action.Execute', verb: 'introduce_start' });
    const press = (verb: string, subjectId: string, inputs: Record<string, unknown> = {}) => {
      const a = alexSays('') as Record<string, unknown>;
      Object.assign(a, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: '1700000000002',
        value: { action: { type: 'Action.Execute', verb, data: { subjectId, ...inputs } }, trigger: 'manual' },
      });
      delete a.text;
      return post(a);
    };
    const form = await press('introduce_start', DEMO_SERVICE_ID);
    expect(JSON.stringify(form.value)).to.contain('clientName');
    const sent = await press('introduce_submit', DEMO_SERVICE_ID, {
      clientName: 'R.T.',
      needs: 'Wants help with anxiety before starting work',
      reasonForService: 'One-to-one support nearby',
      contactMethod: 'Phone',
      consent: 'true',
      consentHow: 'in_person',
    });
    expect(sent.type).to.equal('application/vnd.microsoft.card.adaptive');
    const [h] = running.container.handovers.listForPerson('p-alex-wilber');
    expect(h?.serviceId).to.equal(DEMO_SERVICE_ID);
  });

  it('given Teams is off, then the demo directory has no Playground users', async () => {
    const running = await start({ TEAMS: 'off' });
    expect(running.container.people.findByEmail('alexw@example.com')).to.equal(undefined);
  });
});
