// A named contact on e-mail only answers "Is this still right?" on the secure page, and every mail says what it is.
import { expect } from 'chai';
import { DirectoryAuditStore } from '../../src/storage/directory-audit-store.ts';
import { ReviewStore } from '../../src/storage/review-store.ts';
import { DAY_MS, makeService } from '../support/make.ts';
import {
  LinkBrowser,
  SAM_ADDRESS,
  codeIn,
  csrfOf,
  linksIn,
  makeEmailWorld,
  type EmailWorld,
} from '../support/email-world.ts';

describe('e-mail: directory reviews and subjects', function () {
  this.timeout(20_000);
  let w: EmailWorld;
  beforeEach(async () => {
    w = await makeEmailWorld();
  });
  afterEach(async () => {
    await w.stop();
  });

  async function signIn(browser: LinkBrowser, link: string) {
    await browser.get(link);
    await browser.submit(`${link}/code`, {});
    const mails = w.sink.to(SAM_ADDRESS);
    return browser.submit(`${link}/verify`, { code: codeIn(mails[mails.length - 1]) });
  }

  async function reviewLink(): Promise<string> {
    w.services.upsert(makeService({ lastReviewed: '2025-06-01' }), w.clock.now().toISOString());
    w.nudges.sweep();
    await w.deliver();
    const mail = w.sink
      .to(SAM_ADDRESS)
      .find((m) => m.subject === 'Please check the directory entry for Wellbeing Hub')!;
    expect(mail.text).to.contain('still right, needs changes, or the service has closed');
    return linksIn(mail)[0];
  }

  it('given a review request by e-mail, when Sam signs in and presses "Still right", then the entry is reviewed today and the answer is recorded', async () => {
    const link = await reviewLink();
    const browser = new LinkBrowser(w.url);
    const page = await signIn(browser, link);
    expect(page.html).to.contain('Is this still right? Wellbeing Hub').and.contain('value="review_still_right"');
    const done = await browser.post(`${link}/action`, { csrf: csrfOf(page.html), actionId: 'review_still_right' });
    expect(done.html).to.contain('marked as reviewed today');
    const today = w.clock.now().toISOString().slice(0, 10);
    expect(w.services.get('svc-mind-lambeth')!.lastReviewed).to.equal(today);
    expect(new ReviewStore(w.db).statuses()[0]).to.deep.include({ answer: 'still_right', answeredBy: 'sam' });
  });

  it('given a review request by e-mail, when Sam says it needs changes and saves a waiting list and a new backup, then search-facing fields change at once and the audit names Sam', async () => {
    const link = await reviewLink();
    const browser = new LinkBrowser(w.url);
    const page = await signIn(browser, link);
    const form = await browser.post(`${link}/action`, { csrf: csrfOf(page.html), actionId: 'review_needs_changes' });
    expect(form.html).to.contain('name="capacity"').and.contain('name="backup_contacts"');
    const refused = await browser.post(`${link}/action`, {
      csrf: csrfOf(form.html),
      actionId: 'review_changes_submit',
      capacity: 'waiting_list',
      reply_by_days: '99',
      backup_contacts: 'Kim Lee <kim@example.org>',
    });
    expect(refused.status).to.equal(422);
    expect(refused.html).to.contain('Reply-by days must be between 1 and 60 working days.');
    expect(w.services.get('svc-mind-lambeth')!.capacity).to.equal('open');
    await browser.post(`${link}/action`, {
      csrf: csrfOf(form.html),
      actionId: 'review_changes_submit',
      capacity: 'waiting_list',
      capacity_until: '2027-01-12',
      reply_by_days: '3',
      description: 'Talking support for anxiety and low mood.',
      eligibility_other: '',
      backup_contacts: 'Kim Lee <kim@example.org>',
    });
    const after = w.services.get('svc-mind-lambeth')!;
    expect(after).to.deep.include({ capacity: 'waiting_list', capacityUntil: '2027-01-12', replyByDays: 3 });
    expect(after.contacts.filter((c) => c.role === 'backup').map((c) => c.personId)).to.deep.equal(['kim']);
    expect(new ReviewStore(w.db).statuses()[0]).to.deep.include({ answer: 'needs_changes', answeredBy: 'sam' });
    expect(new DirectoryAuditStore(w.db).about('svc-mind-lambeth')[0]).to.deep.include({
      actor: 'sam',
      action: 'review_changed',
    });
  });

  it('given three introductions from Jo, then their mails have three different subjects naming the service and no client', async () => {
    for (let i = 0; i < 3; i++) {
      w.introduce();
      w.clock.advance(60 * 60 * 1000);
    }
    await w.deliver();
    const subjects = w.sink.to(SAM_ADDRESS).map((m) => m.subject);
    expect(new Set(subjects).size).to.equal(3);
    for (const s of subjects)
      expect(s)
        .to.match(/^New introduction from Jo Rivers to Wellbeing Hub: please reply by /)
        .and.not.contain('R.T.');
  });

  it('given Sam does not answer, when the introduction goes to his backup by e-mail, then that mail asks them to pick it up for Sam', async () => {
    w.introduce();
    await w.deliver();
    w.clock.advance(4 * DAY_MS);
    w.nudges.sweep();
    await w.deliver();
    const toAlex = w.sink.to('alex@example.org').map((m) => m.subject);
    expect(toAlex).to.deep.equal([
      'Can you pick up an introduction for Sam Patel? Wellbeing Hub, sent by Jo Rivers Mon 23 Nov, 10:00',
    ]);
  });
});
