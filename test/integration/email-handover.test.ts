// A named contact on no chat platform gets the introduction by e-mail and answers on a secure page.
import { expect } from 'chai';
import { DAY_MS } from '../support/make.ts';
import {
  MAX_ATTEMPTS_PER_CODE,
  MAX_CODE_ATTEMPTS,
  LINK_TTL_MS,
  SESSION_TTL_MS,
} from '../../src/platforms/email/link-store.ts';
import {
  LinkBrowser,
  SAM_ADDRESS,
  codeIn,
  csrfOf,
  linksIn,
  makeEmailWorld,
  type EmailWorld,
} from '../support/email-world.ts';

const NEEDS = 'Feeling anxious about starting work again.';
const PHONE = '07700 900123';

describe('e-mail and a secure link for a contact on no chat platform', function () {
  this.timeout(20_000);
  let w: EmailWorld;
  let id: string;
  let link: string;

  beforeEach(async () => {
    w = await makeEmailWorld();
    id = w.introduce();
    await w.deliver();
    link = linksIn(w.sink.to(SAM_ADDRESS)[0])[0];
  });
  afterEach(async () => {
    await w.stop();
  });

  /** Opens the link, asks for a code, and enters the one from the newest mail. Returns the card page. */
  async function signIn(browser: LinkBrowser) {
    await browser.get(link);
    const sent = await browser.submit(`${link}/code`, {});
    const mails = w.sink.to(SAM_ADDRESS);
    const page = await browser.submit(`${link}/verify`, { code: codeIn(mails[mails.length - 1]) });
    return { sent, page };
  }

  it('given a contact with only an e-mail address, when introduced, then one mail arrives with a link and no client details', () => {
    const mails = w.sink.to(SAM_ADDRESS);
    expect(mails).to.have.length(1);
    const mail = mails[0];
    expect(mail.subject).to.equal(
      'New introduction from Jo Rivers to Wellbeing Hub: please reply by Wed 25 Nov, 10:00',
    );
    expect(mail.text).to.contain('Hello Sam,').and.contain('ask your coordinator');
    expect(linksIn(mail)).to.have.length(1);
    for (const part of [mail.text, mail.html, mail.subject]) {
      expect(part).not.to.contain('anxious').and.not.to.contain(PHONE).and.not.to.contain('Phone, afternoons');
    }
  });

  it('when the link is opened, then the page asks for a code and shows nothing about the client', async () => {
    const browser = new LinkBrowser();
    const first = await browser.get(link);
    expect(first.status).to.equal(200);
    expect(first.html)
      .to.contain('Check it’s you')
      .and.contain('s***@example.org')
      .and.contain('from Jo Rivers to Wellbeing Hub');
    expect(first.html).not.to.contain('R.T.').and.not.to.contain('anxious');
    const sent = await browser.submit(`${link}/code`, {});
    expect(sent.html).to.contain('Code from the e-mail');
    expect(sent.html).not.to.contain('R.T.');
    const codeMail = w.sink.to(SAM_ADDRESS)[1];
    expect(codeMail.subject).to.match(/^Your Warm Handover code: \d{6}$/);
    expect(codeMail.text).not.to.contain('anxious').and.not.to.contain('R.T.');
  });

  it("following the link, entering the code from the second mail and pressing Accept moves the handover and updates the introducer's Slack receipt", async () => {
    const browser = new LinkBrowser(w.url);
    const { page } = await signIn(browser);
    expect(page.status).to.equal(200);
    expect(page.html).to.contain('R.T.').and.contain(NEEDS).and.contain('value="accept"');
    const receiptUpdatesBefore = w.slack.updates.length;
    const after = await browser.post(`${link}/action`, { csrf: csrfOf(page.html), version: '1', actionId: 'accept' });
    expect(after.status).to.equal(200);
    expect(w.handovers.find(id)!.state).to.equal('accepted');
    expect(w.handovers.audit(id).map((a) => a.actorId)).to.include('sam');
    expect(after.html).to.contain(PHONE).and.contain('value="confirm_contact"');
    await w.deliver();
    const receipts = w.slack.updates.slice(receiptUpdatesBefore).filter((u) => u.card.kind === 'receipt');
    expect(receipts.map((u) => u.card.summary)).to.include('Your introduction to Wellbeing Hub: accepted');
  });

  it('given a decline without a reason, then the form comes back with a message and nothing changes; with a reason it is declined', async () => {
    const browser = new LinkBrowser(w.url);
    const { page } = await signIn(browser);
    const form = await browser.post(`${link}/action`, { csrf: csrfOf(page.html), version: '1', actionId: 'decline' });
    expect(form.html).to.contain('name="reason"');
    const refused = await browser.post(`${link}/action`, {
      csrf: csrfOf(form.html),
      version: '1',
      actionId: 'decline_submit',
      reason: '',
    });
    expect(refused.status).to.equal(422);
    expect(refused.html).to.contain('role="alert"');
    expect(w.handovers.find(id)!.state).to.equal('sent');
    await browser.post(`${link}/action`, {
      csrf: csrfOf(form.html),
      version: '1',
      actionId: 'decline_submit',
      reason: 'no_capacity',
    });
    expect(w.handovers.find(id)!.state).to.equal('declined');
  });

  it('given an expired link, then a clear page says so, no code is sent and nothing changes', async () => {
    w.clock.advance(LINK_TTL_MS + 1);
    const browser = new LinkBrowser();
    const opened = await browser.get(link);
    expect(opened.status).to.equal(410);
    expect(opened.html).to.contain('This link has expired').and.contain('Nothing has been changed');
    const code = await browser.post(`${link}/code`, {});
    expect(code.status).to.equal(410);
    expect(w.sink.to(SAM_ADDRESS)).to.have.length(1);
    expect(w.handovers.find(id)!.version).to.equal(1);
  });

  it('given a link already used in one browser, when it is opened in another, then it asks for a new code, shows nothing about the client and an action changes nothing', async () => {
    await signIn(new LinkBrowser(w.url));
    const other = new LinkBrowser(w.url);
    const opened = await other.get(link);
    expect(opened.status).to.equal(200);
    expect(opened.html)
      .to.contain('Check it’s you')
      .and.contain('Send yourself a new code')
      .and.not.contain('R.T.')
      .and.not.contain('already been used');
    const pressed = await other.post(`${link}/action`, { csrf: 'guess', version: '1', actionId: 'accept' });
    expect(pressed.status).to.equal(403);
    expect(w.handovers.find(id)!.state).to.equal('sent');
  });

  it('given Sam signed in, when he comes back after an hour without using the page, then it asks for a code again and the link still works', async () => {
    const browser = new LinkBrowser(w.url);
    await signIn(browser);
    w.clock.advance(20 * 60 * 1000);
    expect((await browser.get(link)).html).to.contain('R.T.'); // used within the idle time: still open
    w.clock.advance(SESSION_TTL_MS + 1);
    const idle = await browser.get(link);
    expect(idle.status).to.equal(200);
    expect(idle.html).to.contain('Check it’s you').and.not.contain('R.T.').and.not.contain('already been used');
    await browser.submit(`${link}/code`, {});
    const mails = w.sink.to(SAM_ADDRESS);
    const page = await browser.submit(`${link}/verify`, { code: codeIn(mails[mails.length - 1]) });
    expect(page.html).to.contain('R.T.').and.contain('value="accept"');
  });

  it('given an expired link, when Sam asks for a new link, then a fresh link arrives that opens the same introduction', async () => {
    w.clock.advance(LINK_TTL_MS + 1);
    const browser = new LinkBrowser(w.url);
    const expired = await browser.get(link);
    expect(expired.html).to.contain('This link has expired').and.contain('Send me a new link');
    const sent = await browser.post(`${link}/new-link`, {});
    expect(sent.html).to.contain('We have sent you a new link');
    const mails = w.sink.to(SAM_ADDRESS);
    const mail = mails[mails.length - 1];
    expect(mail.subject).to.equal('Your new Warm Handover link');
    expect(mail.text).to.contain('from Jo Rivers to Wellbeing Hub').and.not.contain('R.T.');
    const fresh = linksIn(mail)[0];
    expect(fresh).to.not.equal(link);
    link = fresh;
    const { page } = await signIn(browser);
    expect(page.html).to.contain('R.T.');
  });

  it('given a live session, when a form arrives without its form token, then it is refused and nothing changes', async () => {
    const browser = new LinkBrowser(w.url);
    await signIn(browser);
    const forged = await browser.post(`${link}/action`, { csrf: 'x'.repeat(43), version: '1', actionId: 'accept' });
    expect(forged.status).to.equal(403);
    expect(w.handovers.find(id)!.state).to.equal('sent');
  });

  it('given a form posted from another site, then it is refused and no code is sent', async () => {
    const browser = new LinkBrowser('https://evil.example');
    await browser.get(link);
    const res = await browser.post(`${link}/code`, {});
    expect(res.status).to.equal(403);
    expect(w.sink.to(SAM_ADDRESS)).to.have.length(1);
  });

  it('the session cookie is HttpOnly and SameSite=Strict', async () => {
    const browser = new LinkBrowser(w.url);
    await browser.get(link);
    await browser.submit(`${link}/code`, {});
    const verified = await browser.post(`${link}/verify`, { code: codeIn(w.sink.to(SAM_ADDRESS)[1]) });
    expect(verified.status).to.equal(303);
    expect(verified.setCookie)
      .to.match(/HttpOnly/)
      .and.match(/SameSite=Strict/);
  });

  it(`given ${MAX_CODE_ATTEMPTS} wrong codes, then the link is locked: even the right code and a new code are refused`, async () => {
    const browser = new LinkBrowser(w.url);
    await browser.get(link);
    await browser.submit(`${link}/code`, {});
    const right = codeIn(w.sink.to(SAM_ADDRESS)[1]);
    const wrong = right === '000000' ? '111111' : '000000';
    const statuses: number[] = [];
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i++)
      statuses.push((await browser.post(`${link}/verify`, { code: wrong })).status);
    expect(statuses.slice(0, MAX_CODE_ATTEMPTS - 1).every((s) => s === 400)).to.equal(true);
    expect(statuses[MAX_CODE_ATTEMPTS - 1]).to.equal(403);
    const withRight = await browser.post(`${link}/verify`, { code: right });
    expect(withRight.html).to.contain('This link is locked');
    const newCode = await browser.post(`${link}/code`, {});
    expect(newCode.status).to.equal(403);
    expect(w.sink.to(SAM_ADDRESS)).to.have.length(2);
    expect(w.handovers.find(id)!.state).to.equal('sent');
  });

  it(`given ${MAX_ATTEMPTS_PER_CODE} wrong tries at one code, then that code stops working and a new code is needed`, async () => {
    const browser = new LinkBrowser(w.url);
    await browser.get(link);
    await browser.submit(`${link}/code`, {});
    const right = codeIn(w.sink.to(SAM_ADDRESS)[1]);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < MAX_ATTEMPTS_PER_CODE; i++) await browser.post(`${link}/verify`, { code: wrong });
    const late = await browser.post(`${link}/verify`, { code: right });
    expect(late.html).to.contain('expired or has been used up');
    await browser.submit(`${link}/code`, {});
    const fresh = await browser.submit(`${link}/verify`, { code: codeIn(w.sink.to(SAM_ADDRESS)[2]) });
    expect(fresh.html).to.contain('R.T.');
  });

  it('given a link made for another purpose, then a clear page says it cannot be used here', async () => {
    const { token } = w.links.createLink({
      purpose: 'unsubscribe',
      handoverId: id,
      personId: 'sam',
      address: SAM_ADDRESS,
      now: w.clock.now(),
    });
    const page = await new LinkBrowser().get(`${w.url}/e/${token}`);
    expect(page.status).to.equal(400);
    expect(page.html).to.contain('This link cannot be used here');
  });

  it('given a made-up token, then the page says the link is not recognised', async () => {
    const page = await new LinkBrowser().get(`${w.url}/e/${'A'.repeat(43)}`);
    expect(page.status).to.equal(404);
    expect(page.html).to.contain('This link is not recognised');
  });

  it('given a reminder is due, then the contact gets a new mail with a fresh link', async () => {
    w.clock.advance(3 * DAY_MS);
    w.nudges.sweep();
    await w.deliver();
    const mails = w.sink.to(SAM_ADDRESS);
    expect(mails.length).to.be.greaterThan(1);
    const reminder = mails[mails.length - 1];
    expect(reminder.subject).to.equal(
      'Reminder: please answer the introduction from Jo Rivers to Wellbeing Hub (reply was due Wed 25 Nov, 10:00)',
    );
    expect(linksIn(reminder)[0]).to.not.equal(link);
    expect(reminder.text).not.to.contain('anxious');
  });
});

describe('falling back to e-mail', function () {
  this.timeout(20_000);

  it('given a contact whose Slack says "not found", when introduced, then the introduction goes by e-mail', async () => {
    const w = await makeEmailWorld();
    try {
      w.people.link('sam', { platform: 'slack', tenant: 'T-CHARITY', userId: 'U-SAM' });
      w.slack.unknownUsers.add('U-SAM');
      w.introduce();
      await w.deliver();
      expect(w.slack.calls.some((c) => c.startsWith('send:U-SAM'))).to.equal(true);
      expect(w.sink.to(SAM_ADDRESS).map((m) => m.subject)).to.deep.equal([
        'New introduction from Jo Rivers to Wellbeing Hub: please reply by Wed 25 Nov, 10:00',
      ]);
    } finally {
      await w.stop();
    }
  });
});
