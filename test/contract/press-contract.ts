// The press contract: every platform (web playground, Slack, Teams) runs these journeys through its own entry point
// (HTTP API, signed Slack interactions, Bot Framework invokes) against the same shared action handler.
//   pressContract('web', async () => ({ ...world, press, submitTwice, stop }));
import { expect } from 'chai';
import type { HandoverService } from '../../src/app/handover-service.ts';
import type { Handover } from '../../src/domain/handover/types.ts';
import type { HandoverStore } from '../../src/storage/handover-store.ts';
import type { Db } from '../../src/storage/sqlite.ts';

export interface Press {
  actionId: string;
  subjectId: string;
  version?: number;
  inputs?: Record<string, string | boolean>;
}

/** What the person sees after a press: a card (its words), a form (its fields as filled in), or a refusal. */
export type Answer =
  | { kind: 'card'; text: string }
  | {
      kind: 'form';
      text: string;
      values: Record<string, string | boolean | undefined>;
      submit: { subjectId: string; key?: string };
    }
  | { kind: 'refused'; text: string };

export interface PressWorld {
  db: Db;
  handoverService: HandoverService;
  handovers: HandoverStore;
  /** The people and services of this world. `alternative` is another service in the same category and area. */
  ids: { introducer: string; contact: string; service: string; alternative: string };
  press(personId: string, p: Press): Promise<Answer>;
  /** The same form submitted twice at once, the way this platform repeats it (double-click, retry, second tab). */
  submitTwice(personId: string, p: Press, form: Answer & { kind: 'form' }): Promise<void>;
  stop(): Promise<void>;
}

export const FIRST_INTRODUCTION = {
  clientName: 'R.T.',
  needs: 'Feeling anxious about going back to work & money worries.',
  reasonForService: 'One-to-one support near home.',
  contactMethod: 'Phone, afternoons',
  contactDetails: '07700 900123',
  contactTimes: 'After 2pm',
  language: 'Portuguese',
} as const;

function countHandovers(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM handovers').get() as { n: number }).n;
}

export function pressContract(name: string, setup: () => Promise<PressWorld>): void {
  describe(`Press contract: ${name}`, function () {
    this.timeout(20_000);
    let w: PressWorld;
    let first: Handover;
    beforeEach(async () => {
      w = await setup();
      first = w.handoverService.introduce(w.ids.introducer, {
        serviceId: w.ids.service,
        ...FIRST_INTRODUCTION,
        consent: true,
      });
    });
    afterEach(async () => {
      await w.stop();
    });

    const decline = () =>
      w.handoverService.act(first.id, { type: 'decline', actorId: w.ids.contact, reason: 'no_capacity' });
    const reintroduce = () =>
      w.press(w.ids.introducer, { actionId: 'reintroduce', subjectId: `${first.id}~${w.ids.alternative}` });

    it('given a decline, when the introducer presses "Introduce to" another service, then the form holds the first introduction and only consent is empty', async () => {
      decline();
      const form = await reintroduce();
      expect(form.kind, form.text).to.equal('form');
      if (form.kind !== 'form') return;
      for (const [field, value] of Object.entries(FIRST_INTRODUCTION))
        expect(form.values[field], field).to.equal(value);
      expect([undefined, false, '']).to.include(form.values.consent);
      expect(form.text).to.contain('This follows your introduction of R.T.');
    });

    it('given the re-introduce form sent with consent, then the new introduction follows the first and the first stays declined', async () => {
      decline();
      const form = await reintroduce();
      if (form.kind !== 'form') throw new Error(form.text);
      const sent = await w.press(w.ids.introducer, {
        actionId: 'introduce_submit',
        subjectId: form.submit.subjectId,
        inputs: { ...FIRST_INTRODUCTION, consent: true, ...(form.submit.key ? { key: form.submit.key } : {}) },
      });
      expect(sent.kind, sent.text).to.not.equal('refused');
      const next = w.db.prepare('SELECT id, service_id, follows_id FROM handovers WHERE id <> ?').get(first.id) as {
        service_id: string;
        follows_id: string;
      };
      expect(next).to.include({ service_id: w.ids.alternative, follows_id: first.id });
      expect(w.handovers.find(first.id)!.state).to.equal('declined');
    });

    it('given the same introduce form submitted twice at once, then there is one new introduction', async () => {
      decline();
      const form = await reintroduce();
      if (form.kind !== 'form') throw new Error(form.text);
      const before = countHandovers(w.db);
      await w.submitTwice(
        w.ids.introducer,
        {
          actionId: 'introduce_submit',
          subjectId: form.submit.subjectId,
          inputs: { ...FIRST_INTRODUCTION, consent: true },
        },
        form,
      );
      expect(countHandovers(w.db)).to.equal(before + 1);
    });

    it('given a button with a version the introduction never had, when it is pressed, then it is refused and nothing changes', async () => {
      const answer = await w.press(w.ids.contact, { actionId: 'accept', subjectId: first.id, version: 99 });
      expect(answer.kind).to.equal('refused');
      expect(answer.text).to.contain('does not match any version');
      expect(w.handovers.find(first.id)!.state).to.equal('sent');
    });

    it('given the contact accepted after the receipt was shown, when the introducer confirms Withdraw on the old receipt, then nothing is withdrawn and they see the current card, told it changed', async () => {
      w.handoverService.act(first.id, { type: 'accept', actorId: w.ids.contact });
      const answer = await w.press(w.ids.introducer, {
        actionId: 'withdraw_confirmed',
        subjectId: first.id,
        version: 1,
      });
      expect(answer.kind, answer.text).to.equal('card');
      expect(answer.text).to.contain('This introduction has changed since you opened it.').and.contain('Accepted by');
      expect(w.handovers.find(first.id)!.state).to.equal('accepted');
    });

    it('given the introducer presses Withdraw, then they are asked to confirm and nothing changes until they do', async () => {
      const asked = await w.press(w.ids.introducer, { actionId: 'withdraw', subjectId: first.id, version: 1 });
      expect(asked.kind, asked.text).to.not.equal('refused');
      expect(asked.text).to.contain('Yes, withdraw');
      expect(w.handovers.find(first.id)!.state).to.equal('sent');
      const done = await w.press(w.ids.introducer, { actionId: 'withdraw_confirmed', subjectId: first.id, version: 1 });
      expect(done.kind, done.text).to.equal('card');
      expect(w.handovers.find(first.id)!.state).to.equal('withdrawn');
    });

    it('given an accepted introduction, when the contact presses "We\'ve made contact" once, then it is closed with contact made', async () => {
      const accepted = w.handoverService.act(first.id, { type: 'accept', actorId: w.ids.contact }).handover;
      const answer = await w.press(w.ids.contact, {
        actionId: 'confirm_contact',
        subjectId: first.id,
        version: accepted.version,
      });
      expect(answer.kind, answer.text).to.equal('card');
      expect(w.handovers.find(first.id)).to.deep.include({ state: 'closed', outcome: 'contact_made' });
    });
  });
}
