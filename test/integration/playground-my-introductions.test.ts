// "My introductions" in the web playground, over real HTTP: the named contact sees what is waiting for them with
// Accept, the introducer sees what she introduced with Open, and Accept from the list works.
import { expect } from 'chai';
import { startPlayground, type RunningPlayground } from '../support/start-playground.ts';

type Json = Record<string, unknown>;
type AdaptiveAction = { title: string; data?: { actionId?: string; subjectId?: string; version?: number } };

const MONDAY_10AM = new Date('2026-12-07T10:00:00Z');

/** Every action of an Adaptive Card, at any depth. */
function actionsOf(node: unknown): AdaptiveAction[] {
  if (Array.isArray(node)) return node.flatMap(actionsOf);
  if (!node || typeof node !== 'object') return [];
  const o = node as Json;
  const own = typeof o.type === 'string' && o.type.startsWith('Action.') ? [o as unknown as AdaptiveAction] : [];
  return [...own, ...Object.values(o).flatMap(actionsOf)];
}

describe('my introductions in the playground', () => {
  let p: RunningPlayground;
  beforeEach(async () => {
    p = await startPlayground({ clock: { now: () => MONDAY_10AM } });
  });
  afterEach(async () => {
    await p.stop();
  });

  async function mine(personId: string): Promise<{ status: number; body: { summary: string; card: Json } }> {
    const res = await fetch(`${p.url}/playground/api/my-introductions?as=${personId}`);
    return { status: res.status, body: (await res.json()) as { summary: string; card: Json } };
  }

  function introduce() {
    return p.handoverService.introduce(p.people.introducer, {
      serviceId: 'mind-lambeth-wellbeing',
      clientName: 'Robin',
      needs: 'Feeling anxious about work.',
      reasonForService: 'Close to home.',
      contactMethod: 'Phone',
      consent: true,
    });
  }

  it('given Jo introduced Robin to Sam, when Sam asks for his introductions, then he sees Robin waiting with Accept, and Accept from the list accepts it', async () => {
    const h = introduce();
    const sam = await mine(p.people.contact);
    expect(sam.status).to.equal(200);
    expect(sam.body.summary).to.equal('My introductions: 1 waiting for you');
    const text = JSON.stringify(sam.body.card);
    expect(text).to.include('Robin from Jo Rivers');
    expect(text).to.include('You have not introduced anyone yet.');
    const accept = actionsOf(sam.body.card).find((a) => a.title === 'Accept');
    expect(accept?.data).to.include({ actionId: 'accept', subjectId: h.id });

    const res = await fetch(`${p.url}/playground/api/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ as: p.people.contact, ...accept!.data }),
    });
    expect(res.status).to.equal(200);
    expect(p.handovers.find(h.id)?.state).to.equal('accepted');
    const after = actionsOf((await mine(p.people.contact)).body.card).map((a) => a.title);
    expect(after).to.not.include('Accept');
    expect(after).to.include('Open');
  });

  it('given Jo introduced Robin, when Jo asks for her introductions, then she sees it with where it stands and Open, and nothing waiting', async () => {
    const h = introduce();
    const jo = await mine(p.people.introducer);
    expect(jo.status).to.equal(200);
    expect(jo.body.summary).to.equal('My introductions: nothing is waiting for you');
    expect(JSON.stringify(jo.body.card)).to.include('Robin to Sam Patel at').and.include('Waiting for an answer');
    const actions = actionsOf(jo.body.card);
    expect(actions.map((a) => a.title)).to.not.include('Accept');
    const open = actions.find((a) => a.title === 'Open');
    expect(open?.data).to.include({ actionId: 'open_handover', subjectId: h.id });
  });

  it('given no one or an unknown person, when the list is asked for, then it is refused with a reason', async () => {
    expect((await fetch(`${p.url}/playground/api/my-introductions`)).status).to.equal(400);
    expect((await mine('p-nobody')).status).to.equal(404);
  });
});
