// Slack in many workspaces: the configuration it needs, and how the tokens are sealed at rest.
import { expect } from 'chai';
import { ConfigError, readConfig } from '../../src/config.ts';
import { SecretBoxError, createSecretBox } from '../../src/storage/secret-box.ts';

const KEY = 'test-secrets-key-not-real-0123456789abcdef';
const OAUTH = {
  SLACK_SIGNING_SECRET: 's',
  SLACK_CLIENT_ID: '1.2',
  SLACK_CLIENT_SECRET: 'cs',
  SLACK_STATE_SECRET: 'ss',
  SECRETS_KEY: KEY,
};

function configError(env: Record<string, string>): string {
  try {
    readConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected a configuration error');
}

describe('Slack configuration: one workspace or many', () => {
  it('given the OAuth variables and SECRETS_KEY, then Slack runs in many workspaces, coming back to PUBLIC_URL', () => {
    const c = readConfig({ ...OAUTH, PUBLIC_URL: 'https://handover.example.org/' });
    expect(c.slack?.botToken).to.equal(undefined);
    expect(c.slack?.oauth).to.deep.include({
      clientId: '1.2',
      clientSecret: 'cs',
      stateSecret: 'ss',
      redirectUri: 'https://handover.example.org/slack/oauth_redirect',
    });
  });

  it('given only SLACK_BOT_TOKEN, then Slack still runs in one workspace', () => {
    const c = readConfig({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(c.slack?.botToken).to.equal('xoxb-1');
    expect(c.slack?.oauth).to.equal(undefined);
  });

  it('given the OAuth variables without SECRETS_KEY (or a short one), then start-up stops and says what to set', () => {
    const { SECRETS_KEY: _, ...noKey } = OAUTH;
    expect(configError(noKey)).to.match(/SECRETS_KEY is required.*at least 32 characters/);
    expect(configError({ ...OAUTH, SECRETS_KEY: 'short' })).to.match(/SECRETS_KEY is required/);
  });

  it('given only some of the OAuth variables, then the missing ones are named', () => {
    expect(configError({ SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: '1.2', SECRETS_KEY: KEY })).to.contain(
      'SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are missing',
    );
  });

  it('given both a bot token and the OAuth variables, or OAuth with Socket Mode, then start-up stops with a clear choice', () => {
    expect(configError({ ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-1' })).to.contain('not both');
    expect(configError({ ...OAUTH, SLACK_APP_TOKEN: 'xapp-1' })).to.contain('Socket Mode');
  });

  it('given production without PUBLIC_URL, then many workspaces are refused (Slack needs the way back)', () => {
    expect(configError({ ...OAUTH, NODE_ENV: 'production', ADMIN_TOKEN: 'x'.repeat(40) })).to.contain(
      'PUBLIC_URL is required for Slack',
    );
  });
});

describe('Secrets at rest', () => {
  const box = createSecretBox(KEY, 'slack-installations');

  it('given a sealed token, then it opens with the same key and row, and the sealed text does not show it', () => {
    const sealed = box.seal('xoxb-secret-token', 'T0001');
    expect(sealed).not.to.contain('xoxb');
    expect(box.open(sealed, 'T0001')).to.equal('xoxb-secret-token');
    expect(box.seal('xoxb-secret-token', 'T0001')).not.to.equal(sealed);
  });

  it('given another SECRETS_KEY, another row, or an altered value, then it does not open', () => {
    const sealed = box.seal('xoxb-secret-token', 'T0001');
    const other = createSecretBox(`${KEY}-other`, 'slack-installations');
    expect(() => other.open(sealed, 'T0001')).to.throw(SecretBoxError, /SECRETS_KEY has changed/);
    expect(() => box.open(sealed, 'T0002')).to.throw(SecretBoxError);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('xoxb-forged-token').toString('base64url');
    expect(() => box.open(parts.join('.'), 'T0001')).to.throw(SecretBoxError);
  });

  it('given a key shorter than 32 characters, then no box is made', () => {
    expect(() => createSecretBox('short', 'slack-installations')).to.throw(SecretBoxError, /at least 32/);
  });
});
