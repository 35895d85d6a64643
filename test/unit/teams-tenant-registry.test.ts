import { expect } from 'chai';
import type { TeamsConfig } from '../../src/config.ts';
import { TenantRegistry } from '../../src/platforms/teams/tenant-registry.ts';
import { openDatabase, type Db } from '../../src/storage/sqlite.ts';
import { TeamsTenantStore } from '../../src/storage/teams-tenant-store.ts';

const X = '72f988bf-0000-4000-8000-00000000cafe';
const Y = '5b3c0c6e-0000-4000-8000-0000000000b2';
const APP_X = '00000000-0000-4000-8000-00000000b075';
const APP_Y = '0000000a-0000-4000-8000-0000000000b2';
const AT = new Date('2026-11-23T10:00:00Z');

const single: TeamsConfig = {
  appId: APP_X,
  appPassword: 'x-secret',
  tenantId: X,
  appType: 'SingleTenant',
  unauthenticated: false,
};
const local: TeamsConfig = { appId: '', appPassword: '', appType: 'SingleTenant', unauthenticated: true };

describe('which bot registration serves a Teams tenant', () => {
  let db: Db;
  let store: TeamsTenantStore;
  beforeEach(() => {
    db = openDatabase(':memory:');
    store = new TeamsTenantStore(db);
  });
  afterEach(() => db.close());

  const appIdFor = (r: TenantRegistry, tenant: string) => {
    const f = r.forTenant(tenant);
    return f.ok ? f.registration.appId : f.reason;
  };

  it('given the environment registration for X and Y added, then X and Y get their own app ids and anyone else is refused', () => {
    store.add({ tenantId: Y, appId: APP_Y, secretEnv: 'TEAMS_SECRET_Y' }, AT);
    const r = new TenantRegistry(single, store, { TEAMS_SECRET_Y: 'y' });
    expect([
      appIdFor(r, X),
      appIdFor(r, Y.toUpperCase()),
      appIdFor(r, '11111111-0000-4000-8000-000000000000'),
    ]).to.deep.equal([APP_X, APP_Y, 'unknown_tenant']);
    const y = r.forTenant(Y);
    expect(y.ok && y.registration.password).to.equal('y');
  });

  it('the password of an added tenant comes from the variable it names; when that is unset the tenant is refused', () => {
    store.add({ tenantId: Y, appId: APP_Y, secretEnv: 'TEAMS_SECRET_Y' }, AT);
    const found = new TenantRegistry(single, store, {}).forTenant(Y);
    expect(found).to.deep.include({ ok: false, reason: 'secret_missing' });
    expect(!found.ok && found.message).to.contain('TEAMS_SECRET_Y');
  });

  it('a multi-tenant registration in the environment serves tenants that were not added', () => {
    const r = new TenantRegistry({ ...single, tenantId: undefined, appType: 'MultiTenant' }, store, {});
    expect(appIdFor(r, Y)).to.equal(APP_X);
  });

  it('local unauthenticated mode serves any tenant only while no tenant has been added', () => {
    const r = new TenantRegistry(local, store, { TEAMS_SECRET_Y: 'y' });
    expect(appIdFor(r, X)).to.equal('');
    store.add({ tenantId: Y, appId: APP_Y, secretEnv: 'TEAMS_SECRET_Y' }, AT);
    expect([appIdFor(r, X), appIdFor(r, Y)]).to.deep.equal(['unknown_tenant', APP_Y]);
  });

  it('an activity that names two different tenants, or none, is refused', () => {
    const r = new TenantRegistry(single, store, {});
    expect(r.forActivity({ conversation: { tenantId: X }, channelData: { tenant: { id: Y } } })).to.deep.include({
      ok: false,
      reason: 'tenant_mismatch',
    });
    expect(r.forActivity({ conversation: {}, channelData: {} })).to.deep.include({ ok: false, reason: 'no_tenant' });
    expect(r.forActivity({ channelData: { tenant: { id: X } } })).to.deep.include({ ok: true });
  });
});
