import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const DOMAIN = join(import.meta.dirname, '../../src/domain');
const ALLOWED_PACKAGES = ['zod', 'date-fns', '@date-fns/tz'];
const FORBIDDEN_CALLS = [/\bDate\.now\(/, /\bnew Date\(\)/, /\bprocess\.env\b/, /\bMath\.random\(/];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(source: string): string[] {
  return [...source.matchAll(/(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
}

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
          expect(spec, `${rel} imports ${spec}`).not.to.match(/^\.\.\/\.\.\/(storage|platforms|http|scheduler|cli|app)/);
        } else {
          expect(ALLOWED_PACKAGES.some((p) => spec === p || spec.startsWith(p + '/')), `${rel} imports package ${spec}`).to.equal(true);
        }
      }
      for (const pattern of FORBIDDEN_CALLS) expect(source, `${rel} uses ${pattern}`).not.to.match(pattern);
    });
  }
});
