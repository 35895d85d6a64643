import { expect } from 'chai';
import { DirectoryAuditStore } from '../../src/storage/directory-audit-store.ts';
import { startCoordinateServer, type CoordinateServer } from '../support/coordinate-server.ts';

const TOKEN = 'coordinate-test-admin-token-0123456789abcdefghij';

async function form(url: string, fields: Record<string, string | string[]>, cookie = ''): Promise<Response> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return fetch(url, {
    method: 'POST',
    body,
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
  });
}

describe('coordinator pages over HTTP', function () {
  this.timeout(20_000);
  let s: CoordinateServer;
  afterEach(async () => {
    await s?.stop();
  });

  it('given an admin token, when a coordinator is not signed in, then /coordinate asks for the token and a sign-in with it opens the directory', async () => {
    s = await startCoordinateServer({ ADMIN_TOKEN: TOKEN });
    const first = await fetch(`${s.url}/coordinate`);
    expect(first.status).to.equal(401);
    expect(await first.text()).to.contain('name="next" value="/coordinate"');
    const signIn = await form(`${s.url}/reports/sign-in`, { token: TOKEN, next: '/coordinate' });
    expect(signIn.status).to.equal(303);
    expect(signIn.headers.get('location')).to.equal('/coordinate');
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const page = await fetch(`${s.url}/coordinate`, { headers: { cookie } });
    expect(page.status).to.equal(200);
    expect(await page.text())
      .to.contain('Wellbeing support')
      .and.contain('Money advice')
      .and.contain('Reviewed Tue 1 Sep') // the one date style, not "2026-09-01"
      .and.not.contain('Reviewed 2026-09-01');
  });

  it('given production without an admin token, then there are no coordinator pages', async () => {
    s = await startCoordinateServer({ NODE_ENV: 'production' });
    expect((await fetch(`${s.url}/coordinate`)).status).to.equal(404);
  });

  it('given an edit with a bad reply-by and no name, then nothing is saved and each field says what to fix; fixed, it is saved and audited with the name', async () => {
    s = await startCoordinateServer();
    const bad = await form(`${s.url}/coordinate/services/money-advice`, {
      name: 'Money advice',
      organisation: 'Lambeth Advice Centre',
      reply_by_days: '0',
      primary_contact_name: 'Helen Park',
      primary_contact_email: 'helen.park@example.org',
    });
    expect(bad.status).to.equal(422);
    const html = await bad.text();
    expect(html).to.contain('Reply-by days must be between 1 and 60 working days.').and.contain('Enter your name');
    expect(html).to.match(/<a href="#reply_by_days">/);
    expect(s.container.services.get('money-advice')!.replyByDays).to.equal(2);
    const good = await form(`${s.url}/coordinate/services/money-advice`, {
      name: 'Money advice',
      organisation: 'Lambeth Advice Centre',
      reply_by_days: '4',
      capacity: 'closed',
      categories: ['money', 'housing'],
      primary_contact_name: 'Helen Park',
      primary_contact_email: 'helen.park@example.org',
      coordinator: 'Dee (No Wrong Door lead)',
    });
    expect(good.status).to.equal(303);
    expect(s.container.services.get('money-advice')).to.deep.include({
      replyByDays: 4,
      capacity: 'closed',
      categories: ['money', 'housing'],
    });
    expect(new DirectoryAuditStore(s.container.db).recent()[0]).to.deep.include({
      actor: 'Dee (No Wrong Door lead)',
      action: 'service_edited',
      subject: 'money-advice',
    });
  });

  it('given a new service with a named contact and a backup in Dublin, when added, then it is in the directory with both people and audited', async () => {
    s = await startCoordinateServer();
    const res = await form(`${s.url}/coordinate/services/new`, {
      id: '',
      name: 'Food bank',
      organisation: 'Brixton Pantry',
      capacity: 'open',
      categories: 'food_shopping',
      reply_by_days: '2',
      primary_contact_name: 'Rosa Diaz',
      primary_contact_email: 'rosa@pantry.example',
      backup_contacts: 'Niamh Byrne <niamh@pantry.example> [Europe/Dublin]',
      coordinator: 'Dee Okafor',
    });
    expect(res.status).to.equal(303);
    const added = s.container.services.get('brixton-pantry-food-bank')!;
    expect(added.categories).to.deep.equal(['food_shopping']);
    expect(s.container.people.findByEmail('niamh@pantry.example')).to.deep.include({
      name: 'Niamh Byrne',
      timeZone: 'Europe/Dublin',
    });
    expect(new DirectoryAuditStore(s.container.db).recent()[0]).to.deep.include({
      actor: 'Dee Okafor',
      action: 'service_added',
      subject: 'brixton-pantry-food-bank',
    });
    const list = await (await fetch(`${s.url}/coordinate?q=pantry`)).text();
    expect(list).to.contain('Food bank').and.not.contain('Money advice');
  });

  it('given a form posted from another site, then it is refused and nothing changes', async () => {
    s = await startCoordinateServer();
    const res = await fetch(`${s.url}/coordinate/services/money-advice`, {
      method: 'POST',
      redirect: 'manual',
      body: 'name=X&coordinator=Eve',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
    });
    expect(res.status).to.equal(403);
    expect(s.container.services.get('money-advice')!.name).to.equal('Money advice');
  });
});
