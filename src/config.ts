// Configuration is read once, here, from the environment (Probot's readEnvOptions shape).
// A wrong value fails at start with a sentence naming the variable and what is expected.
import { z } from 'zod';
import { MIN_SECRETS_KEY_LENGTH } from './storage/secret-box.ts';

const onOff = z.enum(['on', 'off']);
const optionalText = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s ? s : undefined));

const EnvSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_PATH: z.string().min(1).default('./data/handover.db'),
  TZ_DEFAULT: z.string().default('Europe/London'),
  PLAYGROUND: onOff.optional(),
  DEMO_DIRECTORY: onOff.optional(),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_BOT_TOKEN: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_API_URL: z.url({ message: 'must be a URL ending in /api/' }).optional(),
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText,
  SECRETS_KEY: optionalText,
  MICROSOFT_APP_ID: optionalText,
  MICROSOFT_APP_PASSWORD: optionalText,
  MICROSOFT_APP_TENANT_ID: optionalText,
  MICROSOFT_APP_TYPE: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant'),
  TEAMS: onOff.optional(),
  ADMIN_TOKEN: optionalText,
  TRUST_PROXY: onOff.default('off'),
  SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  STALE_AFTER_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  BANK_HOLIDAYS_PATH: optionalText,
  PUBLIC_URL: optionalText,
  SMTP_URL: optionalText,
  MAIL_FROM: optionalText,
  NOTIFY_API_KEY: optionalText,
  NOTIFY_TEMPLATE_ID: optionalText,
  NOTIFY_BASE_URL: optionalText,
});

export type Env = z.infer<typeof EnvSchema>;

/** Slack in many workspaces: Bolt's installer at /slack/install, tokens kept encrypted with SECRETS_KEY. */
export interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  secretsKey: string;
  /** PUBLIC_URL + /slack/oauth_redirect, when PUBLIC_URL is set. */
  redirectUri?: string;
}

/** Exactly one of botToken (one workspace) and oauth (many workspaces) is set. */
export interface SlackConfig {
  signingSecret: string;
  botToken?: string;
  oauth?: SlackOAuthConfig;
  appToken?: string;
  apiUrl?: string;
}

export interface TeamsConfig {
  appId: string;
  appPassword: string;
  tenantId?: string;
  appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
  /** true only for local development and tests: botbuilder skips authentication. */
  unauthenticated: boolean;
}

/** E-mail for people on no chat platform: GOV.UK Notify when NOTIFY_API_KEY is set, else SMTP. */
export interface EmailConfig {
  from: string;
  smtpUrl?: string;
  notify?: { apiKey: string; templateId: string; baseUrl?: string };
}

export interface Config {
  production: boolean;
  port: number;
  host: string;
  logLevel: Env['LOG_LEVEL'];
  databasePath: string;
  timeZone: string;
  playground: boolean;
  demoDirectory: boolean;
  slack?: SlackConfig;
  teams?: TeamsConfig;
  /** One line per platform that is switched off, and why (logged at start). */
  switchedOff: string[];
  adminToken?: string;
  /** Behind a reverse proxy: the client address is the last one the proxy added to X-Forwarded-For. */
  trustProxy: boolean;
  sweepIntervalSeconds: number;
  retentionDays: number;
  staleAfterMonths: number;
  bankHolidaysPath?: string;
  publicUrl?: string;
  email?: EmailConfig;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`).join('; ');
}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The shortest SECRETS_KEY accepted (characters); `openssl rand -base64 32` gives 44. */
export { MIN_SECRETS_KEY_LENGTH };
const SLACK_OAUTH_VARS = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

function readSlackOAuth(env: Env, production: boolean): SlackOAuthConfig | undefined {
  const missing = SLACK_OAUTH_VARS.filter((name) => !env[name]);
  if (missing.length === SLACK_OAUTH_VARS.length) return undefined;
  if (missing.length)
    throw new ConfigError(
      `Slack in many workspaces needs ${SLACK_OAUTH_VARS.join(', ')}: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing.`,
    );
  if (env.SLACK_BOT_TOKEN)
    throw new ConfigError(
      'Set either SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (many workspaces), not both.',
    );
  if (env.SLACK_APP_TOKEN)
    throw new ConfigError(
      'Socket Mode (SLACK_APP_TOKEN) is for one workspace with SLACK_BOT_TOKEN; installing in many workspaces needs a public URL.',
    );
  if (!env.SECRETS_KEY || env.SECRETS_KEY.length < MIN_SECRETS_KEY_LENGTH) {
    throw new ConfigError(
      `SECRETS_KEY is required for Slack in many workspaces: a random value of at least ${MIN_SECRETS_KEY_LENGTH} characters (for example from "openssl rand -base64 32") that encrypts the workspaces' tokens. Keep it safe: without it the stored installations cannot be read.`,
    );
  }
  if (production && !env.PUBLIC_URL)
    throw new ConfigError(
      'PUBLIC_URL is required for Slack in many workspaces in production: Slack sends people back to PUBLIC_URL/slack/oauth_redirect.',
    );
  const redirectUri = env.PUBLIC_URL ? `${env.PUBLIC_URL.replace(/\/+$/, '')}/slack/oauth_redirect` : undefined;
  return {
    clientId: env.SLACK_CLIENT_ID!,
    clientSecret: env.SLACK_CLIENT_SECRET!,
    stateSecret: env.SLACK_STATE_SECRET!,
    secretsKey: env.SECRETS_KEY,
    redirectUri,
  };
}

function readSlack(env: Env, production: boolean, switchedOff: string[]): SlackConfig | undefined {
  const { SLACK_SIGNING_SECRET: signingSecret, SLACK_BOT_TOKEN: botToken } = env;
  const oauth = readSlackOAuth(env, production);
  if (!signingSecret || (!botToken && !oauth)) {
    switchedOff.push(
      'Slack is off: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET and SECRETS_KEY (many workspaces) to switch it on.',
    );
    return undefined;
  }
  if (env.SLACK_API_URL && !env.SLACK_API_URL.endsWith('/api/')) {
    throw new ConfigError('SLACK_API_URL must end with /api/ (for example http://127.0.0.1:4000/api/).');
  }
  return oauth
    ? { signingSecret, oauth, apiUrl: env.SLACK_API_URL }
    : { signingSecret, botToken, appToken: env.SLACK_APP_TOKEN, apiUrl: env.SLACK_API_URL };
}

function readTeams(env: Env, production: boolean, switchedOff: string[]): TeamsConfig | undefined {
  const asked = env.TEAMS === 'on';
  if (env.TEAMS === 'off') {
    switchedOff.push('Teams is off: TEAMS=off.');
    return undefined;
  }
  const { MICROSOFT_APP_ID: appId, MICROSOFT_APP_PASSWORD: appPassword } = env;
  const tenantId = env.MICROSOFT_APP_TENANT_ID;
  const appType = env.MICROSOFT_APP_TYPE;
  if (appId && appType === 'SingleTenant' && !tenantId) {
    throw new ConfigError('MICROSOFT_APP_TENANT_ID is required when MICROSOFT_APP_TYPE is SingleTenant (the default).');
  }
  if (appId && appType !== 'UserAssignedMSI' && !appPassword) {
    throw new ConfigError('MICROSOFT_APP_PASSWORD is required when MICROSOFT_APP_ID is set.');
  }
  if (!appId) {
    if (production) {
      if (asked) {
        throw new ConfigError(
          'TEAMS=on but MICROSOFT_APP_ID is not set: Teams is never served without authentication in production.',
        );
      }
      switchedOff.push(
        'Teams is off: set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID to switch it on.',
      );
      return undefined;
    }
    if (!asked) {
      switchedOff.push(
        'Teams is off: set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID (or TEAMS=on for unauthenticated local testing).',
      );
      return undefined;
    }
    return { appId: '', appPassword: '', appType, tenantId, unauthenticated: true };
  }
  return { appId, appPassword: appPassword ?? '', tenantId, appType, unauthenticated: false };
}

export const DEFAULT_MAIL_FROM = 'Warm Handover <no-reply@localhost>';

function readEmail(env: Env, production: boolean, switchedOff: string[]): EmailConfig | undefined {
  const { SMTP_URL: smtpUrl, NOTIFY_API_KEY: apiKey, NOTIFY_TEMPLATE_ID: templateId } = env;
  if (!smtpUrl && !apiKey) {
    switchedOff.push(
      'E-mail is off: set SMTP_URL (or NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID) to reach people on no chat platform.',
    );
    return undefined;
  }
  if (apiKey && !templateId)
    throw new ConfigError(
      'NOTIFY_TEMPLATE_ID is required when NOTIFY_API_KEY is set (the id of the e-mail template in GOV.UK Notify).',
    );
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl))
    throw new ConfigError(
      'SMTP_URL must start with smtp:// or smtps:// (for example smtps://user:password@smtp.example.org:465).',
    );
  if (production && !env.PUBLIC_URL)
    throw new ConfigError('PUBLIC_URL is required for e-mail in production: the links in the mails point there.');
  if (production && smtpUrl && !apiKey && !env.MAIL_FROM)
    throw new ConfigError(
      'MAIL_FROM is required for SMTP in production (for example "Warm Handover <handover@example.org>").',
    );
  const notify = apiKey && templateId ? { apiKey, templateId, baseUrl: env.NOTIFY_BASE_URL } : undefined;
  return { from: env.MAIL_FROM ?? DEFAULT_MAIL_FROM, smtpUrl: notify ? undefined : smtpUrl, notify };
}

/** The shortest ADMIN_TOKEN production accepts: long enough that guessing it is hopeless even without a throttle. */
export const MIN_ADMIN_TOKEN_LENGTH = 32;

function checkAdminToken(token: string | undefined, production: boolean): void {
  if (!production || token === undefined || token.length >= MIN_ADMIN_TOKEN_LENGTH) return;
  throw new ConfigError(
    `ADMIN_TOKEN is too short for production: it needs at least ${MIN_ADMIN_TOKEN_LENGTH} characters, and has ${token.length} (make one with "openssl rand -base64 32").`,
  );
}

/** Reads and checks the whole configuration. Throws ConfigError with a sentence for a person. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`Configuration is not valid. ${describeIssues(parsed.error)}`);
  const e = parsed.data;
  if (!isValidTimeZone(e.TZ_DEFAULT)) {
    throw new ConfigError(`TZ_DEFAULT must be an IANA time zone such as Europe/London, not "${e.TZ_DEFAULT}".`);
  }
  const production = e.NODE_ENV === 'production';
  checkAdminToken(e.ADMIN_TOKEN, production);
  const switchedOff: string[] = [];
  const slack = readSlack(e, production, switchedOff);
  const teams = readTeams(e, production, switchedOff);
  const playground = e.PLAYGROUND ? e.PLAYGROUND === 'on' : !production;
  if (!playground) switchedOff.push('The web playground is off (production; set PLAYGROUND=on to switch it on).');
  return {
    production,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    databasePath: e.DATABASE_PATH,
    timeZone: e.TZ_DEFAULT,
    playground,
    demoDirectory: e.DEMO_DIRECTORY ? e.DEMO_DIRECTORY === 'on' : !production,
    slack,
    teams,
    switchedOff,
    adminToken: e.ADMIN_TOKEN,
    trustProxy: e.TRUST_PROXY === 'on',
    sweepIntervalSeconds: e.SWEEP_INTERVAL_SECONDS,
    retentionDays: e.RETENTION_DAYS,
    staleAfterMonths: e.STALE_AFTER_MONTHS,
    bankHolidaysPath: e.BANK_HOLIDAYS_PATH,
    publicUrl: e.PUBLIC_URL,
    email: readEmail(e, production, switchedOff),
  };
}
