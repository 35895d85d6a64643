// One botbuilder CloudAdapter per bot registration. An incoming token is checked (botbuilder's JWT checks) against
// the registration it is addressed to before the activity's tenant counts for anything; replies and proactive
// messages are signed with the tenant's registration (ConfigurationServiceClientCredentialFactory).
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type TurnContext } from 'botbuilder';
import type { ActivityTenant, TeamsRegistration, TenantLookup, TenantRegistry } from './tenant-registry.ts';

type AuthOptions = ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0];
/** botbuilder's ServiceClientCredentialsFactory (tests pass a fake that signs with a token naming the app id). */
export type CredentialsFactory = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]>;
export type CredentialsFor = (registration: TeamsRegistration) => CredentialsFactory;
/** What botbuilder's token check returns (its type lives in botframework-connector, not a direct dependency). */
export type AuthenticateRequestResult = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
>;

/** CloudAdapter with its activity pipeline reachable from our own node:http handler (no express shim). */
export class HandoverCloudAdapter extends CloudAdapter {
  /** Checks the request's token (botbuilder's JWT checks against this registration's app id); throws when it fails. */
  authenticate(authHeader: string, activity: Activity): Promise<AuthenticateRequestResult> {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
  }

  /** Runs the bot for a request whose token `authenticate` has accepted. */
  handleAuthenticated(auth: AuthenticateRequestResult, activity: Activity, logic: (ctx: TurnContext) => Promise<void>) {
    return this.processActivity(auth, activity, logic);
  }
}

/** The app id a Bot Framework token is addressed to (its `aud` claim), read without trusting it; undefined if none. */
export function tokenAudience(authHeader: string): string | undefined {
  const jwt = /^Bearer\s+([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*$/.exec(authHeader.trim());
  if (!jwt) return undefined;
  try {
    const aud = (JSON.parse(Buffer.from(jwt[2], 'base64url').toString('utf8')) as { aud?: unknown }).aud;
    return typeof aud === 'string' && aud ? aud : undefined;
  } catch {
    return undefined;
  }
}

export type AdapterLookup =
  | { ok: true; adapter: HandoverCloudAdapter; appId: string; tenantId: string }
  | Extract<TenantLookup, { ok: false }>;

function authentication(
  r: TeamsRegistration,
  credentialsFor?: CredentialsFor,
): ConfigurationBotFrameworkAuthentication {
  // Local development only (config.ts refuses it in production): an empty app id makes botbuilder skip JWT checks.
  const options = r.appId
    ? {
        MicrosoftAppId: r.appId,
        MicrosoftAppPassword: r.password,
        MicrosoftAppTenantId: r.tenantId,
        MicrosoftAppType: r.appType,
      }
    : { MicrosoftAppId: '', MicrosoftAppPassword: '' };
  return new ConfigurationBotFrameworkAuthentication(options as AuthOptions, credentialsFor?.(r));
}

export class TenantAdapters {
  private readonly adapters = new Map<string, HandoverCloudAdapter>();

  constructor(
    readonly registry: TenantRegistry,
    private readonly onTurnError: (ctx: TurnContext, err: Error) => Promise<void>,
    private readonly credentialsFor?: CredentialsFor,
  ) {}

  /** The adapter for an incoming activity's tenant, or why the activity is refused. */
  forActivity(activity: ActivityTenant): AdapterLookup {
    return this.withAdapter(this.registry.forActivity(activity));
  }

  /**
   * The adapter a request is authenticated with: the registration the token is addressed to when it names one (so
   * the tenant the activity claims decides nothing before the token is checked), else the activity tenant's.
   */
  forAuthentication(activity: ActivityTenant, authHeader: string): AdapterLookup {
    const audience = tokenAudience(authHeader);
    if (audience === undefined || this.registry.open) return this.forActivity(activity);
    return this.withAdapter(this.registry.forAppId(audience));
  }

  /** The adapter (and bot app id) to reach people in a tenant. */
  forTenant(tenantId: string): AdapterLookup {
    return this.withAdapter(this.registry.forTenant(tenantId));
  }

  private withAdapter(found: TenantLookup): AdapterLookup {
    if (!found.ok) return found;
    const r = found.registration;
    const key = `${r.tenantId}|${r.appId}|${r.secretRef}`;
    let adapter = this.adapters.get(key);
    if (!adapter) {
      adapter = new HandoverCloudAdapter(authentication(r, this.credentialsFor));
      adapter.onTurnError = this.onTurnError;
      this.adapters.set(key, adapter);
    }
    return { ok: true, adapter, appId: r.appId, tenantId: r.tenantId };
  }
}
