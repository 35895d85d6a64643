// Adding a platform starts with one entry in PLATFORMS: everything that lists platforms is derived from it.
import { expect } from 'chai';
import { ServiceRecordSchema } from '../../src/domain/directory/service-schema.ts';
import { PLATFORMS } from '../../src/domain/ports.ts';
import { PLATFORM_PREFERENCE } from '../../src/app/router.ts';
import { PLATFORM_REGISTRY } from '../../src/platforms/registry.ts';
import { openDatabase } from '../../src/storage/sqlite.ts';
import { tempDir } from '../support/make.ts';

describe('the one list of platforms', () => {
  it('given PLATFORMS, then the registry has exactly one module for each, in the same names', () => {
    expect(PLATFORM_REGISTRY.map((m) => m.platform).sort()).to.deep.equal([...PLATFORMS].sort());
  });

  it('given PLATFORMS, then the order a person is tried in names each platform once', () => {
    expect([...PLATFORM_PREFERENCE].sort()).to.deep.equal([...PLATFORMS].sort());
  });

  it('given PLATFORMS, then the directory accepts a peer-group channel on each and on nothing else', () => {
    const channel = ServiceRecordSchema.shape.channel;
    for (const platform of PLATFORMS)
      expect(channel.safeParse({ platform, tenant: '', channelId: 'C1' }).success, platform).to.equal(true);
    expect(channel.safeParse({ platform: 'fax', tenant: '', channelId: 'C1' }).success).to.equal(false);
  });

  it('given a new database, then its platform columns accept each of PLATFORMS and refuse any other', () => {
    const tmp = tempDir();
    const db = openDatabase(`${tmp.dir}/handover.db`);
    try {
      const checks = db
        .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%platform IN%'")
        .all() as { sql: string }[];
      expect(checks.length, 'tables with a platform CHECK').to.be.greaterThan(0);
      const listed = PLATFORMS.map((p) => `'${p}'`).join(',');
      for (const { sql } of checks) expect(sql).to.include(`platform IN (${listed})`);
      db.prepare(
        "INSERT INTO people (id, name, email, created_at) VALUES ('p1', 'Pat', 'p1@example.org', '2026-11-23T10:00:00.000Z')",
      ).run();
      for (const platform of PLATFORMS)
        db.prepare("INSERT INTO identities (person_id, platform, tenant, user_id) VALUES ('p1', ?, '', ?)").run(
          platform,
          `u-${platform}`,
        );
      expect(() =>
        db
          .prepare("INSERT INTO identities (person_id, platform, tenant, user_id) VALUES ('p1', 'fax', '', 'u-fax')")
          .run(),
      ).to.throw(/CHECK constraint failed/);
    } finally {
      db.close();
      tmp.cleanup();
    }
  });
});
