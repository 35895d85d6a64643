import { expect } from 'chai';
import { ConfigError, readConfig } from '../../src/config.ts';

describe('configuration from the environment', () => {
  it('with nothing set, runs the playground on 127.0.0.1:3978 with the default database', () => {
    const c = readConfig({});
    expect(c).to.include({
      port: 3978,
      host: '127.0.0.1',
      databasePath: './data/handover.db',
      timeZone: 'Europe/London',
      playground: true,
      logLevel: 'info',
    });
    expect(c.slack).to.equal(undefined);
    expect(c.teams).to.equal(undefined);
    expect(c.switchedOff.join(' ')).to.match(/Slack is off: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN/);
  });

  it('a wrong port names the variable', () => {
    expect(() => readConfig({ PORT: 'eighty' })).to.throw(ConfigError, /PORT/);
  });

  it('an unknown time zone names TZ_DEFAULT and shows an example', () => {
    expect(() => readConfig({ TZ_DEFAULT: 'Mars/Olympus' })).to.throw(
      /TZ_DEFAULT must be an IANA time zone such as Europe\/London/,
    );
  });

  it('in production the playground is off unless PLAYGROUND=on', () => {
    expect(readConfig({ NODE_ENV: 'production' }).playground).to.equal(false);
    expect(readConfig({ NODE_ENV: 'production', PLAYGROUND: 'on' }).playground).to.equal(true);
  });

  it('Slack switches on when both secrets are present', () => {
    const c = readConfig({
      SLACK_SIGNING_SECRET: 's',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
    });
    expect(c.slack).to.deep.include({ signingSecret: 's', botToken: 'xoxb-1', apiUrl: 'http://127.0.0.1:9/api/' });
  });

  it('a Slack API URL without /api/ at the end is refused', () => {
    expect(() =>
      readConfig({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'x', SLACK_API_URL: 'http://127.0.0.1:9/' }),
    ).to.throw(/SLACK_API_URL must end with \/api\//);
  });

  it('SingleTenant without a tenant id names MICROSOFT_APP_TENANT_ID', () => {
    expect(() => readConfig({ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'pw' })).to.throw(
      /MICROSOFT_APP_TENANT_ID is required/,
    );
  });

  it('in production Teams is never unauthenticated: off without an app id, refused when TEAMS=on', () => {
    expect(readConfig({ NODE_ENV: 'production' }).teams).to.equal(undefined);
    expect(() => readConfig({ NODE_ENV: 'production', TEAMS: 'on' })).to.throw(
      /TEAMS=on but MICROSOFT_APP_ID is not set/,
    );
  });

  it('outside production TEAMS=on with no app id runs Teams unauthenticated for local testing', () => {
    expect(readConfig({ TEAMS: 'on' }).teams).to.include({ unauthenticated: true });
  });

  it('in production an ADMIN_TOKEN shorter than 32 characters stops the start with a sentence naming ADMIN_TOKEN; outside production it is allowed', () => {
    expect(() => readConfig({ NODE_ENV: 'production', ADMIN_TOKEN: 'a' })).to.throw(
      ConfigError,
      /ADMIN_TOKEN is too short for production: it needs at least 32 characters, and has 1/,
    );
    expect(() => readConfig({ NODE_ENV: 'production', ADMIN_TOKEN: 'x'.repeat(31) })).to.throw(
      ConfigError,
      /ADMIN_TOKEN/,
    );
    expect(readConfig({ NODE_ENV: 'production', ADMIN_TOKEN: 'x'.repeat(32) }).adminToken).to.equal('x'.repeat(32));
    expect(readConfig({ ADMIN_TOKEN: 'a' }).adminToken).to.equal('a');
  });
});
