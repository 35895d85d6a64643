import { expect } from 'chai';
import { startPlayground, type RunningPlayground } from '../support/start-playground.ts';

describe('playground API', () => {
  let p: RunningPlayground;
  beforeEach(async () => {
    p = await startPlayground();
  });
  afterEach(async () => {
    await p.stop();
  });

  const post = (body: string, type = 'application/json') =>
    fetch(`${p.url}/playground/api/actions`, { method: 'POST', headers: { 'content-type': type }, body });

  it('serves the page and the adaptivecards renderer from the server itself', async () => {
    const page = await fetch(`${p.url}/`);
    expect(page.status).to.equal(200);
    expect(await page.text()).to.contain('/playground/static/adaptivecards.min.js');
    const js = await fetch(`${p.url}/playground/static/adaptivecards.min.js`);
    expect(js.status).to.equal(200);
    expect(await js.text()).to.contain('AdaptiveCards');
  });

  it('lists the demo people first, with what they do', async () => {
    const { people } = (await (await fetch(`${p.url}/playground/api/people`)).json()) as {
      people: { id: string; label: string }[];
    };
    expect(people.slice(0, 5).map((x) => x.label)).to.deep.equal([
      'Introducer',
      'Named contact',
      'Backup contact',
      'Peer group member',
      'Coordinator',
    ]);
  });

  it('answers bad input with a clear 4xx JSON message', async () => {
    const cases: [Promise<Response>, number, RegExp][] = [
      [post('{"as":'), 400, /not valid JSON/],
      [post('{}'), 400, /Say who you are/],
      [post('{"as":"x","actionId":"accept","subjectId":"H"}', 'text/plain'), 415, /JSON/],
      [post(JSON.stringify({ as: 'nobody', actionId: 'accept', subjectId: 'H-1' })), 404, /Nobody with the id/],
      [
        post(
          JSON.stringify({
            as: p.people.contact,
            actionId: 'accept',
            subjectId: 'H-1',
            inputs: { big: 'x'.repeat(70_000) },
          }),
        ),
        413,
        /too large/,
      ],
      [fetch(`${p.url}/playground/api/inbox`), 400, /Say who you are/],
      [fetch(`${p.url}/playground/api/inbox?as=nobody`), 404, /Nobody with the id/],
      [fetch(`${p.url}/playground/api/directory/search?q=x&age=old`), 400, /whole number/],
      [fetch(`${p.url}/playground/api/actions`), 405, /POST/],
      [fetch(`${p.url}/playground/api/nothing`), 404, /nothing at this address/],
    ];
    for (const [response, status, message] of cases) {
      const res = await response;
      expect(res.status, message.source).to.equal(status);
      expect(res.headers.get('content-type')).to.contain('application/json');
      expect(((await res.json()) as { message: string }).message).to.match(message);
    }
  });

  it('a refused action is a 422 with the sentence to show', async () => {
    const h = p.handoverService.introduce(p.people.introducer, {
      serviceId: 'mind-lambeth-wellbeing',
      clientName: 'R.T.',
      needs: 'x',
      reasonForService: 'y',
      contactMethod: 'Phone',
      consent: true,
    });
    const res = await post(JSON.stringify({ as: p.people.peer, actionId: 'accept', subjectId: h.id, version: 1 }));
    expect(res.status).to.equal(422);
    expect(((await res.json()) as { message: string }).message).to.match(/^This introduction is for Sam Patel/);
  });
});
