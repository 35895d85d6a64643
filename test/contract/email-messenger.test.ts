import { expect } from 'chai';
import type { Card } from '../../src/cards/model.ts';
import { EmailMessenger } from '../../src/platforms/email/email-messenger.ts';
import { EmailLinkStore } from '../../src/platforms/email/link-store.ts';
import { SmtpSender } from '../../src/platforms/email/smtp-sender.ts';
import { makeWorld } from '../support/make.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import { SAM_ADDRESS, linksIn, makeEmailWorld } from '../support/email-world.ts';
import { cardFormHtml } from '../../src/platforms/email/card-html.ts';
import { contractCard, messengerContract, outcomeQuestionCard, type ReceivedMessage } from './messenger-contract.ts';

messengerContract('e-mail (SMTP)', async () => {
  const w = makeWorld();
  w.people.link('sam', { platform: 'email', tenant: '', userId: SAM_ADDRESS });
  const sink = await startSmtpSink();
  const sender = new SmtpSender({ url: sink.url, from: 'Warm Handover <handover@example.org>' });
  const messenger = new EmailMessenger({
    sender,
    links: new EmailLinkStore(w.db),
    people: w.people,
    introduction: (id) => w.handovers.find(id),
    clock: w.clock,
    publicUrl: 'http://127.0.0.1:9',
    timeZone: 'Europe/London',
  });
  const idOf = w.db.prepare('SELECT id FROM email_messages WHERE provider_id = ?');
  const received = async (to: { userId: string }): Promise<ReceivedMessage[]> =>
    sink.to(to.userId).map((m) => ({
      messageId: (idOf.get(m.headers['message-id']) as { id: string } | undefined)?.id ?? m.headers['message-id'],
      text: `${m.subject}\n${m.text}`,
    }));
  return {
    messenger,
    received,
    updatesInPlace: false,
    buttonsInMessage: false,
    known: { platform: 'email', tenant: '', userId: SAM_ADDRESS },
    unknown: { platform: 'email', tenant: '', userId: 'nobody@example.org' },
    failNextDelivery: () => sink.failNext(),
    cleanup: async () => {
      sender.close();
      await sink.stop();
      w.cleanup();
    },
  };
});

describe('e-mail messenger', function () {
  this.timeout(20_000);

  it('given a digest of two introductions, then the mail has one secure link per introduction, labelled with its line', async () => {
    const w = await makeEmailWorld();
    try {
      const first = w.introduce();
      const second = w.introduce();
      const digest: Card = {
        kind: 'digest',
        title: '2 introductions are waiting for you',
        summary: 'Your digest of introductions',
        subjectId: 'digest:sam',
        actions: [],
        blocks: [first, second].flatMap((id, i) => [
          { type: 'text' as const, text: `Answer the introduction number ${i + 1} from Jo Rivers to Wellbeing Hub` },
          {
            type: 'actions' as const,
            actions: [{ id: 'open_handover' as const, label: 'Open', subjectId: id, version: 1 }],
          },
        ]),
      };
      await w.email.sendToPerson({ platform: 'email', tenant: '', userId: SAM_ADDRESS }, digest, {
        idempotencyKey: 'digest-1',
      });
      const mail = w.sink.to(SAM_ADDRESS).find((m) => m.subject === 'Your digest of introductions')!;
      expect(linksIn(mail)).to.have.length(2);
      expect(mail.text).to.match(/Answer the introduction number 1 from Jo Rivers to Wellbeing Hub:\nhttp/);
      const rows = w.db
        .prepare('SELECT handover_id FROM email_links WHERE person_id = ? ORDER BY rowid DESC LIMIT 2')
        .all('sam') as { handover_id: string }[];
      expect(rows.map((r) => r.handover_id).sort()).to.deep.equal([first, second].sort());
    } finally {
      await w.stop();
    }
  });

  it("given the outcome question, when its link page is shown, then Yes, Couldn't reach and Not yet are three buttons sending their own action", () => {
    const html = cardFormHtml(outcomeQuestionCard('H-Q'), { actionUrl: '/e/x', csrf: 'c', subjectId: 'H-Q' });
    for (const [id, label] of [
      ['outcome_yes', 'Yes'],
      ['outcome_unreachable', 'Couldn&#39;t reach'],
      ['outcome_not_yet', 'Not yet'],
    ]) {
      expect(html).to.match(
        new RegExp(`<button type="submit"[^>]*name="actionId" value="${id}"[^>]*>${label}</button>`),
      );
    }
  });

  it('refuses a channel and an identity from another platform as recipient_unknown, so the router tries elsewhere', async () => {
    const w = await makeEmailWorld();
    try {
      const channel = await w.email
        .postToChannel({ platform: 'email', tenant: '', channelId: 'x' }, contractCard('c'), { idempotencyKey: 'c1' })
        .catch((e) => e);
      expect(channel.kind).to.equal('recipient_unknown');
      const slack = await w.email
        .sendToPerson({ platform: 'slack', tenant: 'T', userId: 'U' }, contractCard('s'), { idempotencyKey: 's1' })
        .catch((e) => e);
      expect(slack.kind).to.equal('recipient_unknown');
      w.sink.refuse('kim@example.org');
      w.people.link('kim', { platform: 'email', tenant: '', userId: 'kim@example.org' });
      const refused = await w.email
        .sendToPerson({ platform: 'email', tenant: '', userId: 'kim@example.org' }, contractCard('k'), {
          idempotencyKey: 'k1',
        })
        .catch((e) => e);
      expect(refused.kind).to.equal('recipient_unknown');
    } finally {
      await w.stop();
    }
  });
});
