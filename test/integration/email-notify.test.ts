// GOV.UK Notify as the sender: the official client posts to a local fake that checks the JWT, the template
// and the personalisation, like the real API.
import { expect } from 'chai';
import { DeliveryError } from '../../src/app/ports.ts';
import { NotifySender } from '../../src/platforms/email/notify-sender.ts';
import { FAKE_API_KEY, FAKE_TEMPLATE_ID, startFakeNotify, type FakeNotify } from '../support/fake-notify.ts';
import { SAM_ADDRESS, makeEmailWorld } from '../support/email-world.ts';

describe('sending through GOV.UK Notify', function () {
  this.timeout(20_000);
  let notify: FakeNotify;

  beforeEach(async () => {
    notify = await startFakeNotify();
  });
  afterEach(async () => {
    await notify.stop();
  });

  const sender = (templateId = FAKE_TEMPLATE_ID) =>
    new NotifySender({ apiKey: FAKE_API_KEY, templateId, baseUrl: notify.url });
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => e as DeliveryError,
    );

  it('given an introduction to a contact on e-mail, then Notify gets the template id and the personalisation with the link and no client details', async () => {
    const w = await makeEmailWorld({ sender: () => sender() });
    try {
      const id = w.introduce();
      await w.deliver();
      expect(notify.sent).to.have.length(1);
      const mail = notify.sent[0];
      expect(mail.templateId).to.equal(FAKE_TEMPLATE_ID);
      expect(mail.emailAddress).to.equal(SAM_ADDRESS);
      expect(Object.keys(mail.personalisation).sort()).to.deep.equal([
        'body',
        'footer',
        'greeting',
        'links',
        'subject',
      ]);
      expect(mail.personalisation.subject).to.equal(
        'New introduction from Jo Rivers to Wellbeing Hub: please reply by Wed 25 Nov, 10:00',
      );
      expect(mail.personalisation.greeting).to.equal('Hello Sam,');
      expect(mail.personalisation.links).to.match(
        new RegExp(`^Open the introduction: ${w.url}/e/[A-Za-z0-9_-]{43}\\n`),
      );
      expect(mail.personalisation.footer).to.contain('ask your coordinator');
      expect(mail.reference).to.be.a('string').and.not.equal('');
      expect(mail.body).not.to.contain('anxious').and.not.to.contain('07700');
      expect(w.handovers.find(id)!.state).to.equal('sent');
    } finally {
      await w.stop();
    }
  });

  it('when Notify says too many requests, then the delivery is rate limited', async () => {
    notify.failNext(429);
    const err = await failure(
      sender().send({
        to: SAM_ADDRESS,
        reference: 'r1',
        content: { subject: 's', greeting: 'g', paragraphs: [], links: [], footer: 'f' },
      }),
    );
    expect(err).to.be.instanceOf(DeliveryError);
    expect(err!.kind).to.equal('rate_limited');
  });

  it('when Notify fails on its side, then the delivery is transient (to retry)', async () => {
    notify.failNext(500);
    const err = await failure(
      sender().send({
        to: SAM_ADDRESS,
        reference: 'r2',
        content: { subject: 's', greeting: 'g', paragraphs: [], links: [], footer: 'f' },
      }),
    );
    expect(err!.kind).to.equal('transient');
  });

  it("given a template id Notify does not know, then the delivery fails for good with Notify's reason", async () => {
    const err = await failure(
      sender('00000000-0000-0000-0000-000000000000').send({
        to: SAM_ADDRESS,
        reference: 'r3',
        content: { subject: 's', greeting: 'g', paragraphs: [], links: [], footer: 'f' },
      }),
    );
    expect(err!.kind).to.equal('permanent');
    expect(err!.message).to.contain('Template not found');
  });

  it('given a wrong API key, then the delivery fails for good and says to check NOTIFY_API_KEY', async () => {
    const bad = new NotifySender({
      apiKey: `test_key-26785a09-ab16-4eb0-8407-a37497a57506-${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`,
      templateId: FAKE_TEMPLATE_ID,
      baseUrl: notify.url,
    });
    const err = await failure(
      bad.send({
        to: SAM_ADDRESS,
        reference: 'r4',
        content: { subject: 's', greeting: 'g', paragraphs: [], links: [], footer: 'f' },
      }),
    );
    expect(err!.kind).to.equal('permanent');
    expect(err!.message).to.contain('NOTIFY_API_KEY');
    expect(notify.sent).to.have.length(0);
  });
});
