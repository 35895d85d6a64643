// Tell us once: after a "no", the introducer sees alternatives that fit (with reasons) and re-introduces in one
// click; the demo directory, a real server and the real outbox.
import { expect } from 'chai';
import type { Card, CardBlock } from '../../src/cards/model.ts';
import { personConversation } from '../../src/platforms/web/message-store.ts';
import { startPlayground, type RunningPlayground } from '../support/start-playground.ts';
import { FIRST_INTRODUCTION } from '../contract/press-contract.ts';
import type { Handover } from '../../src/domain/handover/types.ts';
import { suggestAlternatives } from '../../src/storage/alternatives.ts';
import { ServiceStore } from '../../src/storage/service-store.ts';

const MIND = 'mind-lambeth-wellbeing';

function words(card: Card): string[] {
  const one = (b: CardBlock): string[] =>
    b.type === 'text' ? [b.text] : b.type === 'facts' ? b.facts.map((f) => `${f.label}: ${f.value}`) : [];
  return card.blocks.flatMap(one);
}

describe('re-introduce after a decline (demo directory)', function () {
  this.timeout(20_000);
  let p: RunningPlayground;
  let firstId: string;
  const inbox = () => p.playground.messenger.list(personConversation(p.people.introducer));
  const post = async (body: Record<string, unknown>) => {
    const res = await fetch(`${p.url}/playground/api/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ as: p.people.introducer, version: 0, ...body }),
    });
    return { status: res.status, body: (await res.json()) as { kind: string; card: unknown } };
  };

  beforeEach(async () => {
    p = await startPlayground();
    firstId = p.handoverService.introduce(p.people.introducer, {
      serviceId: MIND,
      ...FIRST_INTRODUCTION,
      consent: true,
    }).id;
  });
  afterEach(async () => {
    await p.stop();
  });

  const decline = async (reason: string) => {
    p.handoverService.act(firstId, {
      type: 'decline',
      actorId: p.people.contact,
      reason,
      note: reason === 'other' ? 'See note' : undefined,
    });
    await p.settle();
    return inbox().find((m) => m.card.kind === 'outcome')!.card;
  };

  it('given Mind in Lambeth declines the anxiety introduction for capacity, then Talking therapies is offered first, with why, and nothing from Mind in Lambeth', async () => {
    const notice = await decline('no_capacity');
    const offered = notice.blocks
      .flatMap((b) => (b.type === 'actions' ? b.actions : []))
      .filter((a) => a.id === 'reintroduce');
    expect(offered[0].label).to.equal('Introduce to Talking therapies');
    const text = words(notice);
    expect(text).to.include('Talking therapies, South London NHS Talking Therapies');
    expect(text).to.include('also helps with anxiety or mental health · open · Lambeth');
    expect(text.filter((t) => t.includes(', Mind in Lambeth'))).to.deep.equal([]);
  });

  it('given the reason is not capacity, then the same organisation may be offered, with limited places after open ones; for capacity it is not', async () => {
    await decline('not_right_service');
    const mind = new ServiceStore(p.db).get(MIND)!;
    const names = (h: Handover) =>
      suggestAlternatives(p.db, mind, h, new Date(), 10).map((a) => `${a.service.name} (${a.service.capacity})`);
    const ranked = names(p.handovers.find(firstId)!);
    expect(ranked[0]).to.equal('Talking therapies (open)');
    expect(ranked).to.include('Peer support groups (limited)');
    expect(ranked.findIndex((n) => n.endsWith('(limited)'))).to.be.greaterThan(
      ranked.findLastIndex((n) => n.endsWith('(open)')),
    );
    expect(names({ ...p.handovers.find(firstId)!, declineReason: 'no_capacity' })).to.not.include(
      'Peer support groups (limited)',
    );
  });

  it('given a re-introduction is sent, then each introduction has exactly one receipt, both say how they follow each other, and the decline notice stays', async () => {
    const notice = await decline('no_capacity');
    const form = await post({ actionId: 'reintroduce', subjectId: `${firstId}~lambeth-talking-therapies` });
    expect(form.body.kind).to.equal('form');
    const submit = JSON.stringify(form.body.card).match(
      /"actionId":"introduce_submit","subjectId":"([^"]+)","version":0,"key":"([^"]+)"/,
    )!;
    const sent = await post({
      actionId: 'introduce_submit',
      subjectId: submit[1],
      key: submit[2],
      inputs: { ...FIRST_INTRODUCTION, consent: true },
    });
    expect(sent.status).to.equal(200);
    await p.settle();
    const receipts = inbox().filter((m) => m.card.kind === 'receipt');
    const secondId = receipts.map((m) => m.subjectId).find((id) => id !== firstId)!;
    expect(receipts.map((m) => m.subjectId).sort()).to.deep.equal([firstId, secondId].sort());
    expect(words(receipts.find((m) => m.subjectId === firstId)!.card)).to.include(
      'Followed by: Your introduction to Talking therapies',
    );
    expect(words(receipts.find((m) => m.subjectId === secondId)!.card)).to.include(
      'Follows: Your introduction to Wellbeing support for anxiety and low mood (declined)',
    );
    const stillThere = inbox().filter((m) => m.card.kind === 'outcome');
    expect(stillThere).to.have.length(1);
    expect(stillThere[0].card).to.deep.equal(notice);
  });
});
