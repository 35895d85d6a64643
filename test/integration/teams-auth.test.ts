import { expect } from 'chai';
import { activity, TEAMS_USERS } from '../fixtures/teams/activities.ts';
import { startTeamsWorld, type TeamsWorld } from '../support/teams-world.ts';

describe('Teams: requests must be signed when an app id is configured', () => {
  let w: TeamsWorld;
  beforeEach(async () => {
    w = await startTeamsWorld({ appId: true });
  });
  afterEach(async () => w.stop());

  it('given an app id, when an install arrives without a token, then it is refused with 401 and nothing is stored or sent', async () => {
    w.linkTeams('jo');
    const before = JSON.stringify(w.container.people.get('jo'));
    const res = await w.post(activity('installation-update-add', TEAMS_USERS.jo, w.connector.url));
    expect(res.status).to.equal(401);
    expect(JSON.stringify(w.container.people.get('jo'))).to.equal(before);
    expect(w.connector.calls).to.have.length(0);
  });

  it('given an app id, when a badly signed Accept arrives, then it is refused with 401 and the handover is unchanged', async () => {
    const res = await w.post(
      activity('invoke-adaptive-card-action', TEAMS_USERS.sam, w.connector.url, { verb: 'accept', subjectId: 'H-1' }),
      { authorization: 'Bearer not.a.jwt' },
    );
    expect(res.status).to.equal(401);
    expect(w.connector.calls).to.have.length(0);
  });

  it('something that is not an activity gets 400, and GET gets 405', async () => {
    expect((await w.post({ hello: 'world' })).status).to.equal(400);
    expect((await fetch(`${w.url}/api/messages`)).status).to.equal(405);
  });
});
