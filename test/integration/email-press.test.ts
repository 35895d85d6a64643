// The secure e-mail page runs the same presses: one press finishes, a forged version is refused.
import { expect } from 'chai';
import {
  LinkBrowser,
  SAM_ADDRESS,
  codeIn,
  csrfOf,
  linksIn,
  makeEmailWorld,
  type EmailWorld,
} from '../support/email-world.ts';

describe('e-mail page: one answer per press', function () {
  this.timeout(20_000);
  let w: EmailWorld;
  let id: string;
  let link: string;
  let browser: LinkBrowser;
  let page: { html: string };

  beforeEach(async () => {
    w = await makeEmailWorld();
    id = w.introduce();
    await w.deliver();
    link = linksIn(w.sink.to(SAM_ADDRESS)[0])[0];
    browser = new LinkBrowser(w.url);
    await browser.get(link);
    await browser.submit(`${link}/code`, {});
    const mails = w.sink.to(SAM_ADDRESS);
    page = await browser.submit(`${link}/verify`, { code: codeIn(mails[mails.length - 1]) });
  });
  afterEach(async () => {
    await w.stop();
  });

  it('given the page of an accepted introduction, when Sam presses "We\'ve made contact" with a note, then it is closed with contact made and the note kept', async () => {
    const accepted = await browser.post(`${link}/action`, {
      csrf: csrfOf(page.html),
      version: '1',
      actionId: 'accept',
    });
    expect(accepted.html).to.contain('name="note"').and.contain('name="followUpOwed"');
    const done = await browser.post(`${link}/action`, {
      csrf: csrfOf(accepted.html),
      version: '2',
      actionId: 'confirm_contact',
      note: 'Booked for Tuesday.',
    });
    expect(done.status).to.equal(200);
    expect(w.handovers.find(id)).to.deep.include({ state: 'closed', outcome: 'contact_made' });
    expect(w.handovers.notes(id).map((n) => n.text)).to.deep.equal(['Booked for Tuesday.']);
    expect(done.html).to.contain('The introduction is closed.');
  });

  it('given a follow-up is still owed, when Sam ticks it and presses "We\'ve made contact", then contact is recorded and it stays open', async () => {
    const accepted = await browser.post(`${link}/action`, {
      csrf: csrfOf(page.html),
      version: '1',
      actionId: 'accept',
    });
    expect(accepted.html).to.contain('We still owe a follow-up: keep this introduction open');
    await browser.post(`${link}/action`, {
      csrf: csrfOf(accepted.html),
      version: '2',
      actionId: 'confirm_contact',
      followUpOwed: 'true',
    });
    expect(w.handovers.find(id)).to.deep.include({ state: 'contact_made', outcome: null });
  });

  it('given a forged version, when Accept is posted, then it is refused and nothing changes', async () => {
    const forged = await browser.post(`${link}/action`, { csrf: csrfOf(page.html), version: '7', actionId: 'accept' });
    expect(forged.html).to.contain('does not match any version');
    expect(w.handovers.find(id)!.state).to.equal('sent');
  });
});
