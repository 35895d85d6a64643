// The Slack app manifest validates offline against Slack's public manifest schema and matches what the code listens to.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { HANDOVER_COMMAND, OPPORTUNITY_COMMAND } from '../../src/platforms/slack/listeners/commands/index.ts';
import {
  INTRODUCE_FROM_MESSAGE_SHORTCUT,
  INTRODUCE_SHORTCUT,
} from '../../src/platforms/slack/listeners/shortcuts/index.ts';
import { SLACK_EVENTS_PATH } from '../../src/platforms/slack/platform.ts';

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const SCHEMA_V1_URL =
  'https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.1.0.0.json';
const SCHEMA_V2_URL =
  'https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.2.0.0.json';
/**
 * The scopes the app needs and no more: DMs (chat:write, im:write), the commands, matching people by e-mail, and
 * seeing which channels it was added to with their names (channels:read, groups:read: member_joined_channel and
 * conversations.info), so those channels become peer groups for opportunities. im:history reads the app's own DMs
 * only, so a message whose send a crash cut short is found by its idempotency key instead of being sent twice; the
 * app asks for no channels:history or groups:history, since those would let it read every message in its channels
 * (a channel post cut short by a crash may therefore appear twice).
 */
const LEAST_PRIVILEGE = [
  'channels:read',
  'chat:write',
  'commands',
  'groups:read',
  'im:history',
  'im:write',
  'users:read',
  'users:read.email',
];

describe('Slack app manifest', () => {
  const manifest = read('../../manifests/slack/manifest.json');

  function validator() {
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addSchema(read('../fixtures/slack-manifest.schema.1.0.0.json'), SCHEMA_V1_URL);
    ajv.addSchema(read('../fixtures/slack-manifest.schema.2.0.0.json'), SCHEMA_V2_URL);
    return ajv.compile(read('../fixtures/slack-manifest.schema.json'));
  }

  it('given Slack’s public schema, then the manifest validates', () => {
    const validate = validator();
    expect(validate(manifest), JSON.stringify(validate.errors)).to.equal(true);
  });

  it('given a manifest with a mistake, then the schema refuses it (the check can fail)', () => {
    const broken = { ...manifest, features: { ...manifest.features, slash_commands: [{ command: 'handover' }] } };
    expect(validator()(broken)).to.equal(false);
  });

  it('asks for the least-privilege scopes only', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).to.deep.equal(LEAST_PRIVILEGE);
  });

  it('offers exactly the commands and shortcuts the app listens to, all at /slack/events', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).to.deep.equal([
      HANDOVER_COMMAND,
      OPPORTUNITY_COMMAND,
    ]);
    expect(manifest.features.shortcuts.map((s: { callback_id: string }) => s.callback_id)).to.deep.equal([
      INTRODUCE_SHORTCUT,
      INTRODUCE_FROM_MESSAGE_SHORTCUT,
    ]);
    const urls = [
      manifest.settings.interactivity.request_url,
      manifest.settings.event_subscriptions.request_url,
      ...manifest.features.slash_commands.map((c: { url: string }) => c.url),
    ];
    for (const u of urls) expect(new URL(u).pathname).to.equal(SLACK_EVENTS_PATH);
    expect(manifest.features.app_home.home_tab_enabled).to.equal(true);
  });
});
