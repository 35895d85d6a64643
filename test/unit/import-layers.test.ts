import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

const SRC = join(import.meta.dirname, '../../src');
const DOMAIN = join(SRC, 'domain');
const ALLOWED_PACKAGES = ['zod', 'date-fns', '@date-fns/tz'];
const FORBIDDEN_CALLS = [/\bDate\.now\(/, /\bnew Date\(\)/, /\bprocess\.env\b/, /\bMath\.random\(/];

/**
 * Imports run one way, from the outside in (docs/architecture.md):
 *   main → platforms, cli → http, scheduler → app → storage → cards → domain
 * A layer may import any layer to its right, never one to its left. http and the scheduler are services the
 * platforms and the CLI use (a platform mounts its routes on the http server); neither imports a platform.
 * A platform never imports another platform; nothing imports main. log.ts and paths.ts are leaves anyone but the
 * domain may use.
 */
const LAYERS: ReadonlyArray<{ name: string; rank: number; holds: (path: string) => boolean }> = [
  { name: 'main', rank: 6, holds: (p) => p === 'main.ts' || p.startsWith('main/') },
  { name: 'platforms', rank: 5, holds: (p) => p.startsWith('platforms/') },
  { name: 'cli', rank: 5, holds: (p) => p.startsWith('cli/') },
  { name: 'http', rank: 4, holds: (p) => p.startsWith('http/') },
  { name: 'scheduler', rank: 4, holds: (p) => p.startsWith('scheduler/') },
  { name: 'app', rank: 3, holds: (p) => p.startsWith('app/') || p.startsWith('directory-io/') || p === 'config.ts' },
  { name: 'storage', rank: 2, holds: (p) => p.startsWith('storage/') },
  { name: 'cards', rank: 1, holds: (p) => p.startsWith('cards/') },
  { name: 'leaf', rank: 0.5, holds: (p) => p === 'log.ts' || p === 'paths.ts' },
  { name: 'domain', rank: 0, holds: (p) => p.startsWith('domain/') },
];

/** Platform SDKs stay inside their own platform's folder. */
const PLATFORM_PACKAGES: ReadonlyArray<{ pattern: RegExp; home: string }> = [
  { pattern: /^botbuilder/, home: 'platforms/teams/' },
  { pattern: /^@slack\//, home: 'platforms/slack/' },
  { pattern: /^(nodemailer|notifications-node-client)$/, home: 'platforms/email/' },
];

/**
 * What a platform may import from src/storage/: the Db type and transactions, the secret box, and the stores of the
 * tables that platform owns. Everything else of the application reaches it through PlatformContext.
 */
const STORAGE_FOR_EVERY_PLATFORM = ['storage/sqlite.ts', 'storage/secret-box.ts'];
const STORAGE_A_PLATFORM_OWNS: Readonly<Record<string, readonly string[]>> = {
  teams: ['storage/teams-tenant-store.ts'],
  slack: [],
  email: [],
  web: [],
};

function layerOf(path: string) {
  const layer = LAYERS.find((l) => l.holds(path));
  if (!layer)
    throw new Error(`src/${path} is in no layer: add its folder to LAYERS in test/unit/import-layers.test.ts`);
  return layer;
}

/** The platform folder a file is in (platforms/slack/… → slack); files at platforms/ itself belong to none. */
function platformOf(path: string): string | undefined {
  const parts = path.split('/');
  return parts[0] === 'platforms' && parts.length > 2 ? parts[1] : undefined;
}

/** Why `from` (a path under src/) may not import `to` (a path under src/), or undefined when it may. */
function wrongWay(from: string, to: string): string | undefined {
  const a = layerOf(from);
  const b = layerOf(to);
  if (b.name === 'main' && a.name !== 'main') return 'nothing imports main (the composition root)';
  const pa = platformOf(from);
  const pb = platformOf(to);
  if (pa && pb && pa !== pb) return `a platform never imports another (${pa} → ${pb})`;
  if (a.name === b.name) return undefined;
  if (b.rank >= a.rank)
    return `${a.name} may not import ${b.name}: imports run main → platforms, cli → http, scheduler → app → storage → cards → domain`;
  return undefined;
}

/** Why a platform file may not import this storage file, or undefined when it may. */
function notItsStorage(from: string, to: string): string | undefined {
  const platform = platformOf(from);
  if (!from.startsWith('platforms/') || !to.startsWith('storage/')) return undefined;
  if (STORAGE_FOR_EVERY_PLATFORM.includes(to)) return undefined;
  if (platform && STORAGE_A_PLATFORM_OWNS[platform]?.includes(to)) return undefined;
  return (
    `a platform imports from src/storage/ only ${STORAGE_FOR_EVERY_PLATFORM.join(', ')} and the stores of its own ` +
    'tables: use PlatformContext (people, directory, introduction, runAction …), or list the store in ' +
    'STORAGE_A_PLATFORM_OWNS in test/unit/import-layers.test.ts if this platform alone keeps its table'
  );
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(source: string): string[] {
  return [...source.matchAll(/(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2],
  );
}

describe('imports run one way between the layers of src/', () => {
  const files = filesUnder(SRC).map((f) => relative(SRC, f));

  it('has files to check', () => expect(files.length).to.be.greaterThan(100));

  it('given an import to the left, a platform importing another, or anything importing main, then the rule names it', () => {
    expect(wrongWay('domain/ports.ts', 'cards/model.ts')).to.match(/domain may not import cards/);
    expect(wrongWay('cards/compose.ts', 'storage/sqlite.ts')).to.match(/cards may not import storage/);
    expect(wrongWay('storage/outbox-store.ts', 'app/ports.ts')).to.match(/storage may not import app/);
    expect(wrongWay('platforms/slack/deps.ts', 'main/container.ts')).to.match(/nothing imports main/);
    expect(wrongWay('platforms/email/index.ts', 'platforms/slack/blocks.ts')).to.match(
      /a platform never imports another/,
    );
    expect(wrongWay('app/router.ts', 'platforms/slack/platform.ts')).to.match(/app may not import platforms/);
    expect(wrongWay('platforms/slack/deps.ts', 'app/platform-context.ts')).to.equal(undefined);
    expect(wrongWay('platforms/registry.ts', 'platforms/slack/platform.ts')).to.equal(undefined);
  });

  it('given a platform importing an application store, then the rule names it; its own stores and sqlite.ts pass', () => {
    expect(notItsStorage('platforms/slack/deps.ts', 'storage/people-store.ts')).to.match(/use PlatformContext/);
    expect(notItsStorage('platforms/web/routes.ts', 'storage/teams-tenant-store.ts')).to.match(/its own tables/);
    expect(notItsStorage('platforms/teams/teams-platform.ts', 'storage/teams-tenant-store.ts')).to.equal(undefined);
    expect(notItsStorage('platforms/email/link-store.ts', 'storage/sqlite.ts')).to.equal(undefined);
    expect(notItsStorage('app/router.ts', 'storage/people-store.ts')).to.equal(undefined);
  });

  for (const file of files) {
    it(`src/${file} imports only layers to its right, platform SDKs only inside their platform, and a platform only its own storage`, () => {
      for (const spec of importsOf(readFileSync(join(SRC, file), 'utf8'))) {
        if (spec.startsWith('.')) {
          const target = relative(SRC, normalize(join(SRC, dirname(file), spec)));
          const why = wrongWay(file, target) ?? notItsStorage(file, target);
          expect(why, `src/${file} imports ${spec}: ${why}`).to.equal(undefined);
        } else {
          const sdk = PLATFORM_PACKAGES.find((p) => p.pattern.test(spec));
          if (sdk)
            expect(file.startsWith(sdk.home), `src/${file} imports ${spec}, which belongs in src/${sdk.home}`).to.equal(
              true,
            );
        }
      }
    });
  }
});

describe('tests and benchmarks share helpers one way', () => {
  const TEST = join(import.meta.dirname, '..');
  const files = filesUnder(TEST);

  it('has files to check', () => expect(files.length).to.be.greaterThan(50));

  it('given any file under test/, then it never imports bench/ (bench/ may import test/support/)', () => {
    for (const file of files) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const target = relative(join(TEST, '..'), normalize(join(dirname(file), spec)));
        expect(target.startsWith('bench/'), `${relative(join(TEST, '..'), file)} imports ${spec}`).to.equal(false);
      }
    }
  });
});

describe('the domain core stays pure', () => {
  const files = filesUnder(DOMAIN);

  it('has files to check', () => expect(files.length).to.be.greaterThan(5));

  for (const file of files) {
    const rel = file.slice(DOMAIN.length + 1);
    it(`${rel} imports no storage, platform, http or node I/O and reads no clock`, () => {
      const source = readFileSync(file, 'utf8');
      for (const spec of importsOf(source)) {
        if (spec.startsWith('.')) {
          expect(spec, `${rel} imports ${spec}`).not.to.match(/\/(storage|platforms|http|scheduler|cli|app)\//);
          expect(spec, `${rel} imports ${spec}`).not.to.match(
            /^\.\.\/\.\.\/(storage|platforms|http|scheduler|cli|app)/,
          );
        } else {
          expect(
            ALLOWED_PACKAGES.some((p) => spec === p || spec.startsWith(p + '/')),
            `${rel} imports package ${spec}`,
          ).to.equal(true);
        }
      }
      for (const pattern of FORBIDDEN_CALLS) expect(source, `${rel} uses ${pattern}`).not.to.match(pattern);
    });
  }
});
