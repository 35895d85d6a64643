// `npm run package:teams`: writes the Teams app package (manifest.json + color.png + outline.png in one zip) with
// the ids filled in from the environment. Every ${{NAME}} in the manifest must be filled, or it stops and says which.
// `npm run package:teams -- --tenant <id>` builds the package for one organisation, with the app id registered for
// that tenant by `handover teams add-tenant` (read from the database at DATABASE_PATH).
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import yazl from 'yazl';
import { readConfig } from '../config.ts';
import { openDatabase } from '../storage/sqlite.ts';
import { TeamsTenantStore } from '../storage/teams-tenant-store.ts';
import { ROOT } from '../paths.ts';

export const TEAMS_MANIFEST_DIR = join(ROOT, 'manifests', 'teams');
export const DEFAULT_PACKAGE_PATH = join(ROOT, 'dist', 'warm-handover-teams.zip');
export const PACKAGE_FILES = ['manifest.json', 'color.png', 'outline.png'] as const;
const PLACEHOLDER = /\$\{\{([A-Z0-9_]+)\}\}/g;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class PackageError extends Error {
  readonly code = 'TEAMS_PACKAGE_INVALID';
}

/** The values the manifest placeholders take, from the same variables the server reads. */
export function manifestValues(env: NodeJS.ProcessEnv): Record<string, string> {
  const appId = env.MICROSOFT_APP_ID?.trim() ?? '';
  if (!GUID.test(appId))
    throw new PackageError(
      "MICROSOFT_APP_ID must be the bot's Azure app registration id (a GUID) to build the Teams package.",
    );
  const publicUrl = env.PUBLIC_URL?.trim().replace(/\/+$/, '') ?? '';
  if (!/^https:\/\//.test(publicUrl))
    throw new PackageError(
      'PUBLIC_URL must be the https address where Teams reaches this server (for example https://handover.example.org).',
    );
  const teamsAppId = env.TEAMS_APP_ID?.trim() || appId;
  if (!GUID.test(teamsAppId))
    throw new PackageError('TEAMS_APP_ID must be a GUID (or leave it out to reuse MICROSOFT_APP_ID).');
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  return {
    MICROSOFT_APP_ID: appId,
    TEAMS_APP_ID: teamsAppId,
    PUBLIC_URL: publicUrl,
    BOT_DOMAIN: new URL(publicUrl).host,
    APP_VERSION: version,
  };
}

export function fillManifest(template: string, values: Record<string, string>): Record<string, unknown> {
  const missing = new Set<string>();
  const filled = template.replace(PLACEHOLDER, (whole, name: string) => {
    if (values[name] === undefined) missing.add(name);
    return values[name] ?? whole;
  });
  if (missing.size)
    throw new PackageError(`The Teams manifest needs ${[...missing].join(', ')}; set them in the environment.`);
  return JSON.parse(filled) as Record<string, unknown>;
}

export async function buildTeamsPackage(env: NodeJS.ProcessEnv, outPath = DEFAULT_PACKAGE_PATH): Promise<string> {
  const manifest = fillManifest(readFileSync(join(TEAMS_MANIFEST_DIR, 'manifest.json'), 'utf8'), manifestValues(env));
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), 'manifest.json');
  zip.addBuffer(readFileSync(join(TEAMS_MANIFEST_DIR, 'color.png')), 'color.png');
  zip.addBuffer(readFileSync(join(TEAMS_MANIFEST_DIR, 'outline.png')), 'outline.png');
  zip.end();
  const target = resolve(outPath);
  mkdirSync(dirname(target), { recursive: true });
  await new Promise<void>((done, fail) => {
    zip.outputStream
      .pipe(createWriteStream(target))
      .on('close', () => done())
      .on('error', fail);
  });
  return target;
}

/** The environment for one organisation's package: its tenant's bot app id in place of MICROSOFT_APP_ID. */
export function tenantPackageEnv(
  env: NodeJS.ProcessEnv,
  tenantId: string,
  appIdOf: (tenantId: string) => string | undefined,
): NodeJS.ProcessEnv {
  const appId = appIdOf(tenantId);
  if (!appId)
    throw new PackageError(
      `No Teams tenant ${tenantId} has been added; run "handover teams add-tenant --tenant ${tenantId} --app-id … --secret-env …" first.`,
    );
  return { ...env, MICROSOFT_APP_ID: appId, TEAMS_APP_ID: appId };
}

/** Reads the tenant's app id from the database the server uses. */
export function appIdFromDatabase(env: NodeJS.ProcessEnv): (tenantId: string) => string | undefined {
  return (tenantId) => {
    const db = openDatabase(readConfig(env).databasePath);
    try {
      return new TeamsTenantStore(db).get(tenantId)?.appId;
    } finally {
      db.close();
    }
  };
}

/** `package-teams [--tenant ID] [--out PATH | PATH]`: builds the package; returns where it was written. */
export async function packageTeamsCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  appIdOf = appIdFromDatabase(env),
): Promise<string> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { tenant: { type: 'string' }, out: { type: 'string' } },
    allowPositionals: true,
  });
  const tenant = values.tenant?.trim().toLowerCase();
  const out =
    values.out ??
    positionals[0] ??
    (tenant ? join(ROOT, 'dist', `warm-handover-teams-${tenant}.zip`) : DEFAULT_PACKAGE_PATH);
  return buildTeamsPackage(tenant ? tenantPackageEnv(env, tenant, appIdOf) : env, out);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  packageTeamsCommand(process.argv.slice(2), process.env).then(
    (path) =>
      process.stdout.write(
        `Wrote the Teams app package: ${path}\nUpload it in Teams: Apps → Manage your apps → Upload an app.\n`,
      ),
    (err: Error) => {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    },
  );
}
