// Posting an opportunity: nothing is chosen for the poster. A named contact who posts a course someone else runs,
// without choosing a service, is not made its named contact, and the card is not tied to their own service.
import { expect } from 'chai';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../src/main/start.ts';
import { readConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { DEMO_PEER_GROUP, DEMO_PEOPLE } from '../../src/directory-io/demo-directory.ts';
import { FixedClock, tempDir } from '../support/make.ts';

type Json = Record<string, unknown>;

/** The Adaptive Card element with this id (an input), wherever it sits. */
function findById(node: unknown, id: string): Json | undefined {
  if (Array.isArray(node)) return node.map((n) => findById(n, id)).find(Boolean);
  if (!node || typeof node !== 'object') return undefined;
  if ((node as Json).id === id) return node as Json;
  return findById(Object.values(node), id);
}

const SOUTHWARK_COURSE = {
  title: 'Confidence and CV course',
  provider: 'Southwark Works',
  type: 'course',
  deadline: '2026-11-30',
  whoFor: 'People aged 18 and over looking for work',
  howToJoin: 'Call Southwark Works on 020 7946 0000',
  channels: DEMO_PEER_GROUP.channelId,
};

describe('posting an opportunity: the named contact is chosen, never assumed', () => {
  let app: RunningApp;
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    tmp = tempDir('opportunity-contact-');
    app = await startApp(
      readConfig({ PORT: '0', DATABASE_PATH: join(tmp.dir, 'handover.db') }),
      createLogger('silent'),
      { clock: new FixedClock(new Date('2026-11-23T10:00:00Z')), scheduler: false },
    );
  });
  afterEach(async () => {
    await app.stop();
    tmp.cleanup();
  });

  const act = async (body: Json) => {
    const res = await fetch(`${app.url}/playground/api/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as Json;
  };

  it('given Sam (a named contact at Mind) opens "Post an opportunity", then no service is chosen for him', async () => {
    const form = await act({ as: DEMO_PEOPLE.contact, actionId: 'opportunity_start', subjectId: 'web' });
    const service = findById(form.card, 'serviceId');
    expect(service, 'the service choice').to.exist;
    expect(service!.value ?? '').to.equal('');
  });

  it('given Sam posts a Southwark Works course without choosing a service, then it is not tied to his service and he is not shown as its named contact', async () => {
    const posted = await act({
      as: DEMO_PEOPLE.contact,
      actionId: 'opportunity_submit',
      subjectId: 'web',
      inputs: SOUTHWARK_COURSE,
    });
    expect(JSON.stringify(posted.card)).to.contain('not linked to a directory service');
    const [o] = app.opportunities.list();
    expect(o.serviceId).to.equal(null);
    for (let i = 0; i < 3; i++) await app.nudges.dispatcher.runOnce();
    const res = await fetch(`${app.url}/playground/api/channel?as=${DEMO_PEOPLE.peer}`);
    const card = JSON.stringify(
      ((await res.json()) as { channels: { messages: unknown[] }[] }).channels[0].messages[0],
    );
    expect(card)
      .to.contain('Southwark Works')
      .and.not.to.contain('Named contact')
      .and.not.to.contain('Introduce a client to this');
  });
});
