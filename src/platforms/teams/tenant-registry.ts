// Which bot registration serves a Teams tenant. One deployment holds several single-tenant registrations: the one
// from MICROSOFT_APP_ID / MICROSOFT_APP_TENANT_ID, plus the rows of teams_tenants (`handover teams add-tenant`),
// whose passwords are read from the environment variable each row names. An unknown tenant is refused.
import type { TeamsConfig } from '../../config.ts';
import type { Logger } from '../../log.ts';
import type { TeamsTenantStore } from '../../storage/teams-tenant-store.ts';

export interface TeamsRegistration {
  /** The tenant it serves; '' for the environment's multi-tenant registration and for local unauthenticated mode. */
  tenantId: string;
  /** '' only in local unauthenticated mode (botbuilder then skips JWT checks and sends without a token). */
  appId: string;
  password: string;
  appType: TeamsConfig['appType'];
  /** Where the password came from (an environment variable name), for logs and the cache key; never the password. */
  secretRef: string;
}

export type RefusalReason = 'no_tenant' | 'tenant_mismatch' | 'unknown_tenant' | 'secret_missing' | 'unknown_app';

export type TenantLookup =
  | { ok: true; registration: TeamsRegistration }
  | { ok: false; reason: RefusalReason; message: string };

/** What an activity says about its tenant (Teams puts it in two places; they must agree). */
export interface ActivityTenant {
  conversation?: { tenantId?: string };
  channelData?: unknown;
}

export function activityTenant(activity: ActivityTenant): { tenantId: string; mismatch: boolean } {
  const fromConversation = activity.conversation?.tenantId?.trim().toLowerCase() ?? '';
  const channelData = (activity.channelData ?? {}) as { tenant?: { id?: unknown } };
  const fromChannelData = typeof channelData.tenant?.id === 'string' ? channelData.tenant.id.trim().toLowerCase() : '';
  const mismatch = Boolean(fromConversation && fromChannelData && fromConversation !== fromChannelData);
  return { tenantId: fromConversation || fromChannelData, mismatch };
}

const LOCAL: TeamsRegistration = { tenantId: '', appId: '', password: '', appType: 'SingleTenant', secretRef: 'none' };

export class TenantRegistry {
  private readonly fromEnv?: TeamsRegistration;
  private readonly warned = new Set<string>();

  constructor(
    private readonly config: TeamsConfig,
    private readonly store: TeamsTenantStore,
    private readonly env: NodeJS.ProcessEnv,
    private readonly log?: Logger,
  ) {
    if (!config.unauthenticated && config.appId) {
      this.fromEnv = {
        tenantId: config.tenantId?.trim().toLowerCase() ?? '',
        appId: config.appId,
        password: config.appPassword,
        appType: config.appType,
        secretRef: 'MICROSOFT_APP_PASSWORD',
      };
    }
  }

  /** Local development only: no registration at all, so every tenant is served without authentication. */
  get open(): boolean {
    return !this.fromEnv && this.store.count() === 0;
  }

  /** The registration for an activity's tenant, or why it is refused. */
  forActivity(activity: ActivityTenant): TenantLookup {
    const { tenantId, mismatch } = activityTenant(activity);
    if (mismatch) return refuse('tenant_mismatch', 'This activity names two different Teams tenants.');
    if (!tenantId && !this.open)
      return refuse('no_tenant', 'This activity does not say which Teams tenant it comes from.');
    return this.forTenant(tenantId);
  }

  /** The registration that serves a tenant (for incoming activities and for proactive messages to its people). */
  forTenant(tenant: string): TenantLookup {
    const tenantId = tenant.trim().toLowerCase();
    const row = tenantId ? this.store.get(tenantId) : undefined;
    if (row) {
      const password = this.env[row.secretEnv];
      if (!password) {
        this.warnOnce(
          row.secretEnv,
          { tenantId, secretEnv: row.secretEnv },
          'Teams tenant refused: its secret environment variable is not set',
        );
        return refuse(
          'secret_missing',
          `Teams tenant ${tenantId} is registered, but the environment variable ${row.secretEnv} holding its app password is not set.`,
        );
      }
      return {
        ok: true,
        registration: { tenantId, appId: row.appId, password, appType: 'SingleTenant', secretRef: row.secretEnv },
      };
    }
    const env = this.fromEnv;
    if (env && (env.tenantId === tenantId || (env.appType === 'MultiTenant' && !env.tenantId)))
      return { ok: true, registration: env };
    if (this.open) return { ok: true, registration: LOCAL };
    return refuse(
      'unknown_tenant',
      `Warm Handover is not registered for Teams tenant ${tenantId || '(none)'}; ask the administrator to run "handover teams add-tenant".`,
    );
  }

  /**
   * The registration a token addressed to this app id is checked against: the environment's, else the first
   * `add-tenant` row with that app id. Which tenant the activity claims plays no part, so the check cannot tell a
   * caller which tenants are served here.
   */
  forAppId(appId: string): TenantLookup {
    if (this.fromEnv && this.fromEnv.appId === appId) return { ok: true, registration: this.fromEnv };
    const row = this.store.list().find((t) => t.appId === appId);
    if (!row) return refuse('unknown_app', `No Teams bot registration here has the app id ${appId}.`);
    return this.forTenant(row.tenantId);
  }

  /** One line per registration, for the start-up log (no secrets). */
  describe(): { tenantId: string; appId: string; secretEnv: string; secretSet: boolean }[] {
    const rows = this.store.list().map((t) => ({
      tenantId: t.tenantId,
      appId: t.appId,
      secretEnv: t.secretEnv,
      secretSet: Boolean(this.env[t.secretEnv]),
    }));
    return this.fromEnv
      ? [
          {
            tenantId: this.fromEnv.tenantId,
            appId: this.fromEnv.appId,
            secretEnv: this.fromEnv.secretRef,
            secretSet: true,
          },
          ...rows,
        ]
      : rows;
  }

  private warnOnce(key: string, fields: Record<string, unknown>, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.log?.error(fields, message);
  }
}

function refuse(reason: RefusalReason, message: string): TenantLookup {
  return { ok: false, reason, message };
}
