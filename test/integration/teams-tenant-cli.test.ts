import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { buildProgram } from '../../src/cli/index.ts';
import { packageTeamsCommand } from '../../src/cli/package-teams.ts';
import { openDatabase } from '../../src/storage/sqlite.ts';
import { tempDir } from '../support/make.ts';

const TENANT = '5b3c0c6e-0000-4000-8000-0000000000b2';
const APP = '0000000a-0000-4000-8000-0000000000b2';

/** The manifest.json inside an app package zip (deflated or stored). */
function manifestIn(zip: Buffer): { id: string; bots: { botId: string }[]; webApplicationInfo: { id: string } } {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (name === 'manifest.json') {
      const local = zip.readUInt32LE(at + 42);
      const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const raw = zip.subarray(dataAt, dataAt + zip.readUInt32LE(at + 20));
      return JSON.parse((zip.readUInt16LE(at + 10) === 0 ? raw : inflateRawSync(raw)).toString('utf8'));
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  throw new Error('no manifest.json in the package');
}

describe('handover teams … (tenants served by one deployment)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let dbPath: string;
  let lines: string[];
  let env: NodeJS.ProcessEnv;

  async function run(...args: string[]): Promise<string[]> {
    lines = [];
    const program = buildProgram({
      openDb: () => openDatabase(dbPath),
      now: () => new Date('2026-11-23T10:00:00Z'),
      out: (l) => lines.push(l),
    });
    program.commands.find((c) => c.name() === 'teams')!.commands.forEach((c) => c.exitOverride());
    await program.parseAsync(args, { from: 'user' });
    return lines;
  }

  beforeEach(() => {
    tmp = tempDir('teams-cli-');
    dbPath = join(tmp.dir, 'handover.db');
    env = { DATABASE_PATH: dbPath, PUBLIC_URL: 'https://handover.example.org', LOG_LEVEL: 'silent' };
  });
  afterEach(() => tmp.cleanup());

  it('given nothing added, then list-tenants says only the environment registration is served', async () => {
    expect(await run('teams', 'list-tenants')).to.deep.equal([
      'No Teams tenants added: only the registration from MICROSOFT_APP_ID / MICROSOFT_APP_TENANT_ID is served.',
    ]);
  });

  it('add-tenant records the tenant, app id and the NAME of the secret variable, never a password', async () => {
    const said = await run(
      'teams',
      'add-tenant',
      '--tenant',
      TENANT.toUpperCase(),
      '--app-id',
      APP,
      '--secret-env',
      'TEAMS_SECRET_CAMDEN',
    );
    expect(said[0]).to.equal(
      `Added Teams tenant ${TENANT} with app id ${APP}; its password is read from TEAMS_SECRET_CAMDEN.`,
    );
    expect(said.join('\n')).to.match(/TEAMS_SECRET_CAMDEN is not set here/);
    expect(await run('teams', 'list-tenants')).to.deep.equal([
      `${TENANT}  app ${APP}  secret TEAMS_SECRET_CAMDEN (not set here)  added Mon 23 Nov`,
    ]);
    const db = openDatabase(dbPath);
    expect(db.prepare('SELECT tenant_id, app_id, secret_env FROM teams_tenants').all()).to.deep.equal([
      { tenant_id: TENANT, app_id: APP, secret_env: 'TEAMS_SECRET_CAMDEN' },
    ]);
    db.close();
  });

  it('add-tenant refuses something that looks like a password in --secret-env, and a tenant id that is not a GUID', async () => {
    await run('teams', 'add-tenant', '--tenant', TENANT, '--app-id', APP, '--secret-env', 'p@ssw0rd~Xyz.1').then(
      () => expect.fail('accepted'),
      (e: Error) => expect(e.message).to.match(/NAME of an environment variable/),
    );
    await run('teams', 'add-tenant', '--tenant', 'contoso', '--app-id', APP, '--secret-env', 'X').then(
      () => expect.fail('accepted'),
      (e: Error) => expect(e.message).to.match(/--tenant must be/),
    );
    expect(await run('teams', 'list-tenants')).to.have.length(1);
    expect(lines[0]).to.match(/No Teams tenants added/);
  });

  it('remove-tenant removes it; removing an unknown one says so', async () => {
    await run('teams', 'add-tenant', '--tenant', TENANT, '--app-id', APP, '--secret-env', 'TEAMS_SECRET_CAMDEN');
    expect((await run('teams', 'remove-tenant', '--tenant', TENANT))[0]).to.match(
      /^Removed Teams tenant .* refused from now on/,
    );
    expect((await run('teams', 'list-tenants'))[0]).to.match(/No Teams tenants added/);
    await run('teams', 'remove-tenant', '--tenant', TENANT).then(
      () => expect.fail('accepted'),
      (e: Error) => expect(e.message).to.match(/No Teams tenant/),
    );
  });

  it("npm run package:teams -- --tenant ID builds that organisation's package with its app id", async () => {
    await run('teams', 'add-tenant', '--tenant', TENANT, '--app-id', APP, '--secret-env', 'TEAMS_SECRET_CAMDEN');
    const path = await packageTeamsCommand(['--tenant', TENANT, '--out', join(tmp.dir, 'camden.zip')], env);
    const manifest = manifestIn(readFileSync(path));
    expect(manifest.bots[0].botId).to.equal(APP);
    expect(manifest.id).to.equal(APP);
    expect(manifest.webApplicationInfo.id).to.equal(APP);
  });

  it('package:teams for a tenant that was never added is refused with the command to add it', async () => {
    const failed = await packageTeamsCommand(['--tenant', TENANT, '--out', join(tmp.dir, 'x.zip')], env).catch(
      (e: Error) => e,
    );
    expect((failed as Error).message).to.match(/handover teams add-tenant --tenant 5b3c0c6e/);
  });
});
