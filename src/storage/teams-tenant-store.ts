// The Teams tenants this deployment serves (migration 007): tenant id, the bot's app id in that tenant, and the
// NAME of the environment variable that holds its password (never the password itself).
import type { Db } from './sqlite.ts';

export interface TeamsTenant {
  tenantId: string;
  appId: string;
  /** Name of the environment variable holding the app password. */
  secretEnv: string;
  createdAt: string;
}

interface TenantRow {
  tenant_id: string;
  app_id: string;
  secret_env: string;
  created_at: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,127}$/;

export class TeamsTenantError extends Error {
  constructor(
    readonly code: 'TENANT_ID_INVALID' | 'APP_ID_INVALID' | 'SECRET_ENV_INVALID',
    message: string,
  ) {
    super(message);
    this.name = 'TeamsTenantError';
  }
}

const fromRow = (r: TenantRow): TeamsTenant => ({
  tenantId: r.tenant_id,
  appId: r.app_id,
  secretEnv: r.secret_env,
  createdAt: r.created_at,
});

/** Checks and normalises what a coordinator typed; throws TeamsTenantError with a sentence naming the option. */
export function checkTenant(input: { tenantId: string; appId: string; secretEnv: string }): {
  tenantId: string;
  appId: string;
  secretEnv: string;
} {
  const tenantId = input.tenantId.trim().toLowerCase();
  const appId = input.appId.trim().toLowerCase();
  const secretEnv = input.secretEnv.trim();
  if (!GUID.test(tenantId))
    throw new TeamsTenantError(
      'TENANT_ID_INVALID',
      `--tenant must be the organisation's tenant id (a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47), not "${input.tenantId}".`,
    );
  if (!GUID.test(appId))
    throw new TeamsTenantError(
      'APP_ID_INVALID',
      `--app-id must be the bot's app registration id in that tenant (a GUID), not "${input.appId}".`,
    );
  if (!ENV_NAME.test(secretEnv)) {
    throw new TeamsTenantError(
      'SECRET_ENV_INVALID',
      '--secret-env must be the NAME of an environment variable (capitals, digits and _, for example TEAMS_SECRET_CAMDEN), never the password itself.',
    );
  }
  return { tenantId, appId, secretEnv };
}

export class TeamsTenantStore {
  private readonly getStmt;
  private readonly allStmt;
  private readonly upsertStmt;
  private readonly removeStmt;
  private readonly countStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], TenantRow>('SELECT * FROM teams_tenants WHERE tenant_id = ?');
    this.allStmt = db.prepare<[], TenantRow>('SELECT * FROM teams_tenants ORDER BY created_at, tenant_id');
    this.upsertStmt = db.prepare(
      `INSERT INTO teams_tenants (tenant_id, app_id, secret_env, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(tenant_id) DO UPDATE SET app_id = excluded.app_id, secret_env = excluded.secret_env`,
    );
    this.removeStmt = db.prepare('DELETE FROM teams_tenants WHERE tenant_id = ?');
    this.countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM teams_tenants');
  }

  /** Adds a tenant, or changes the app id and secret of a known one; returns whether it was new. */
  add(
    input: { tenantId: string; appId: string; secretEnv: string },
    at: Date,
  ): { tenant: TeamsTenant; created: boolean } {
    const t = checkTenant(input);
    const created = !this.getStmt.get(t.tenantId);
    this.upsertStmt.run(t.tenantId, t.appId, t.secretEnv, at.toISOString());
    return { tenant: this.get(t.tenantId)!, created };
  }

  get(tenantId: string): TeamsTenant | undefined {
    const row = this.getStmt.get(tenantId.trim().toLowerCase());
    return row ? fromRow(row) : undefined;
  }

  list(): TeamsTenant[] {
    return this.allStmt.all().map(fromRow);
  }

  count(): number {
    return this.countStmt.get()?.n ?? 0;
  }

  /** True when it was there. */
  remove(tenantId: string): boolean {
    return this.removeStmt.run(tenantId.trim().toLowerCase()).changes === 1;
  }
}
