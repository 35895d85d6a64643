// A failing test is found by its file name, so no two test files share one, wherever they are under test/.
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

const TEST_DIR = join(import.meta.dirname, '..');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

describe('test file names', () => {
  it('no two test files under test/ share a name, so a failure names one file', () => {
    const byName = new Map<string, string[]>();
    for (const file of testFiles(TEST_DIR))
      byName.set(basename(file), [...(byName.get(basename(file)) ?? []), relative(TEST_DIR, file)]);
    const shared = [...byName.values()].filter((paths) => paths.length > 1);
    expect(shared, 'rename one of each pair').to.deep.equal([]);
    expect(byName.size, 'test files found').to.be.greaterThan(100);
  });
});
