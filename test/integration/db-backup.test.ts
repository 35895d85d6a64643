// `handover db backup FILE` while the server's connection is open and writing: the copy opens, passes SQLite's
// integrity check and holds what was committed; an existing file is not replaced without --force.
import { expect } from 'chai';
import Database from 'better-sqlite3';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/index.ts';
import type { CliDeps } from '../../src/cli/deps.ts';
import { openDatabase } from '../../src/storage/sqlite.ts';
import { introduceInput, makeWorld, type World } from '../support/make.ts';

describe('handover db backup FILE', () => {
  let w: World;
  let lines: string[];
  let deps: CliDeps;
  beforeEach(() => {
    w = makeWorld();
    lines = [];
    deps = { openDb: () => openDatabase(w.path), now: () => w.clock.now(), out: (l) => lines.push(l) };
  });
  afterEach(() => w.cleanup());

  it('given the server is running and has introductions, when a backup is taken, then the copy is complete and passes the integrity check', async () => {
    for (let i = 0; i < 3; i++) w.handoverService.introduce('jo', introduceInput());
    const file = join(w.path, '..', 'backup.db');
    const code = await runCli(['db', 'backup', file], deps);
    expect(code, lines.join('\n')).to.equal(0);
    expect(lines.join('\n')).to.match(
      /Backed up to .*backup\.db: \d+ pages, schema version \d+, 3 introductions, integrity check ok\./,
    );
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).to.equal('ok');
    expect((copy.prepare('SELECT count(*) AS n FROM handovers').get() as { n: number }).n).to.equal(3);
    expect((copy.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n).to.equal(
      (w.db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n,
    );
    copy.close();
    expect(existsSync(`${file}.partial`)).to.equal(false);
  });

  it('given the file already exists, then it is left alone unless --force is given', async () => {
    const file = join(w.path, '..', 'existing.db');
    writeFileSync(file, 'not a database');
    expect(await runCli(['db', 'backup', file], deps)).to.equal(1);
    expect(lines.join('\n')).to.contain('already exists');
    expect(await runCli(['db', 'backup', file, '--force'], deps)).to.equal(0);
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).to.equal('ok');
    copy.close();
  });
});
