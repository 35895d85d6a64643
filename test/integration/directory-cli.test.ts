import { expect } from 'chai';
import { Command, CommanderError } from 'commander';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerDirectoryCommands } from '../../src/cli/directory-command.ts';
import { registerPeopleCommands } from '../../src/cli/people-command.ts';
import { loadDemoDirectory } from '../../src/directory-io/demo-directory.ts';
import { PeopleStore } from '../../src/storage/people-store.ts';
import { ServiceStore } from '../../src/storage/service-store.ts';
import { openDatabase } from '../../src/storage/sqlite.ts';
import { tempDir } from '../support/make.ts';

const NOW = new Date('2026-11-23T10:00:00Z');
const GOOD_CSV = new URL('../fixtures/directory-csv/good.csv', import.meta.url).pathname;

describe('directory and people commands', () => {
  let tmp: ReturnType<typeof tempDir>;
  let dbPath: string;
  let lines: string[];

  /** Runs a command in-process the way the CLI entry point does: an error is one sentence and exit code 1. */
  async function run(...argv: string[]): Promise<number> {
    const deps = { openDb: () => openDatabase(dbPath), now: () => NOW, out: (line: string) => lines.push(line) };
    const program = new Command('handover')
      .exitOverride()
      .configureOutput({ writeOut: (s) => deps.out(s), writeErr: (s) => deps.out(s) });
    registerDirectoryCommands(program, deps);
    registerPeopleCommands(program, deps);
    try {
      await program.parseAsync(argv, { from: 'user' });
      return 0;
    } catch (err) {
      if (err instanceof CommanderError) return err.exitCode;
      deps.out(`Error: ${(err as Error).message}`);
      return 1;
    }
  }
  const output = () => lines.join('\n');
  const count = () => {
    const db = openDatabase(dbPath);
    const n = new ServiceStore(db).count();
    db.close();
    return n;
  };

  beforeEach(() => {
    tmp = tempDir();
    dbPath = join(tmp.dir, 'handover.db');
    lines = [];
  });
  afterEach(() => tmp.cleanup());

  it('given a good CSV, when dry-run then imported, then the dry run writes nothing and the import loads every service', async () => {
    expect(await run('directory', 'import', GOOD_CSV, '--format', 'csv', '--dry-run')).to.equal(0);
    expect(output())
      .to.match(/Dry run: nothing was written/)
      .and.match(/New services 3: Wellbeing support, Walk and Talk, Money advice/);
    expect(count()).to.equal(0);
    expect(await run('directory', 'import', GOOD_CSV, '--format', 'csv')).to.equal(0);
    expect(count()).to.equal(3);
  });

  it('given a CSV with a bad row, when imported, then the line and reason are printed, exit code is 1 and nothing is imported', async () => {
    const bad = join(tmp.dir, 'bad.csv');
    writeFileSync(bad, readFileSync(GOOD_CSV, 'utf8').replace('kwame.asante@example.org', 'kwame'));
    expect(await run('directory', 'import', bad, '--format', 'csv')).to.equal(1);
    expect(output())
      .to.match(/Nothing was imported/)
      .and.match(/line 3: The contact e-mail is not a valid e-mail address/);
    expect(count()).to.equal(0);
  });

  it('given a missing file or an unknown format, when importing, then a clear error and exit code 1', async () => {
    expect(await run('directory', 'import', join(tmp.dir, 'nope.csv'), '--format', 'csv')).to.equal(1);
    expect(output()).to.match(/Could not read .*nope\.csv: ENOENT/);
    expect(await run('directory', 'import', GOOD_CSV, '--format', 'xml')).to.equal(1);
  });

  it('given a directory, when exported to a file, then the file can be imported elsewhere', async () => {
    await run('directory', 'import', GOOD_CSV, '--format', 'csv');
    const out = join(tmp.dir, 'directory.json');
    expect(await run('directory', 'export', '--format', 'oruk', '--out', out)).to.equal(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).total_items).to.equal(3);
    dbPath = join(tmp.dir, 'second.db');
    expect(await run('directory', 'import', out, '--format', 'oruk')).to.equal(0);
    expect(count()).to.equal(3);
  });

  it('given an export to a folder that does not exist, when exporting, then it fails clearly and leaves no partial file', async () => {
    await run('directory', 'import', GOOD_CSV, '--format', 'csv');
    const out = join(tmp.dir, 'missing', 'directory.csv');
    expect(await run('directory', 'export', '--format', 'csv', '--out', out)).to.equal(1);
    expect(output()).to.match(/Could not write/);
    expect(existsSync(join(tmp.dir, 'missing'))).to.equal(false);
  });

  it('given the demo directory, when searching for anxiety near SE11 for a 19-year-old, then Mind in Lambeth comes first with its named contact', async () => {
    const db = openDatabase(dbPath);
    loadDemoDirectory(db, NOW);
    db.close();
    expect(await run('directory', 'search', 'anxiety', '--area', 'SE11', '--age', '19')).to.equal(0);
    expect(lines[0]).to.match(
      /^ 1\. Wellbeing support for anxiety and low mood \(Mind in Lambeth\).*Sam Patel <sam\.patel@example\.org>/,
    );
    lines = [];
    expect(await run('directory', 'search', 'anxiety', '--age', 'nineteen')).to.equal(1);
    expect(output()).to.match(/--age must be a whole number/);
  });

  it('given stale entries, when listing stale services, then each is named with its last review and who to ask', async () => {
    const db = openDatabase(dbPath);
    loadDemoDirectory(db, NOW);
    db.close();
    expect(await run('directory', 'stale')).to.equal(0);
    expect(output()).to.match(
      /Interfaith Community Kitchen .*last reviewed Tue 10 Jun 2025; ask Imran Qureshi <imran\.qureshi@example\.org>/,
    );
    expect(lines.length).to.equal(2);
  });

  it('given a person in the directory, when linked to Slack, then they can be found by that identity; an unknown e-mail is refused', async () => {
    await run('directory', 'import', GOOD_CSV, '--format', 'csv');
    expect(
      await run(
        'people',
        'link',
        '--email',
        'Helen.Park@example.org',
        '--platform',
        'slack',
        '--tenant',
        'T9',
        '--user',
        'U9',
      ),
    ).to.equal(0);
    const db = openDatabase(dbPath);
    expect(new PeopleStore(db).findByIdentity('slack', 'T9', 'U9')?.name).to.equal('Helen Park');
    db.close();
    expect(await run('people', 'link', '--email', 'nobody@example.org', '--platform', 'web', '--user', 'x')).to.equal(
      1,
    );
    expect(output()).to.match(/Nobody in the directory has the e-mail nobody@example\.org/);
    expect(
      await run('people', 'link', '--email', 'helen.park@example.org', '--platform', 'teams', '--user', 'x'),
    ).to.equal(1);
    expect(output()).to.match(/--tenant is required for teams/);
    lines = [];
    expect(await run('people', 'list')).to.equal(0);
    expect(output()).to.match(
      /Helen Park <helen\.park@example\.org>, Money adviser, Lambeth Advice Centre · slack:T9\/U9/,
    );
  });

  it('given Helen is in the directory, when a coordinator sets her time zone, hours and digest, then she is listed with them and a typo is refused', async () => {
    expect(await run('directory', 'import', GOOD_CSV, '--format', 'csv')).to.equal(0);
    lines = [];
    expect(
      await run(
        'people',
        'set',
        '--email',
        'helen.park@example.org',
        '--time-zone',
        'Europe/Dublin',
        '--working-hours',
        '08:00-16:00',
        '--digest',
        'daily',
      ),
    ).to.equal(0);
    expect(output()).to.equal('Helen Park: time zone Europe/Dublin, working hours 08:00-16:00, digest daily.');
    lines = [];
    expect(await run('people', 'set', '--email', 'helen.park@example.org', '--time-zone', 'Dublin')).to.equal(1);
    expect(output()).to.equal('Error: "Dublin" is not a time zone; write it like Europe/London.');
    const db = openDatabase(dbPath);
    const helen = new PeopleStore(db).findByEmail('helen.park@example.org')!;
    db.close();
    expect(helen).to.deep.include({ timeZone: 'Europe/Dublin', digest: true, workingHours: { start: 8, end: 16 } });
  });
});
