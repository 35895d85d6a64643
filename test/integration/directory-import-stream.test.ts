// `handover directory import --format csv` reads the file as a stream (memory stays flat for any size; the
// 100,000-row figure is in `npm run bench -- import`) and is still all or nothing: a bad last row, or the process
// killed half-way, leaves the directory as it was.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { generatedRow, writeDirectoryCsvFile } from '../support/directory-csv-file.ts';
import { registerDirectoryCommands } from '../../src/cli/directory-command.ts';
import { SUMMARY_NAMES_SHOWN } from '../../src/directory-io/apply-directory.ts';
import { ROOT } from '../../src/paths.ts';
import { PeopleStore } from '../../src/storage/people-store.ts';
import { ServiceStore } from '../../src/storage/service-store.ts';
import { latestSchemaVersion, openDatabase } from '../../src/storage/sqlite.ts';
import { tempDir } from '../support/make.ts';
import { eventually } from '../support/eventually.ts';

const NOW = new Date('2026-11-23T10:00:00Z');
const ROWS = 3_000;
/** Large enough that the import is still writing when the test sees it start. */
const KILLED_ROWS = 60_000;
/** The import starts a second process (tsx compiles the CLI first), which is slow on a busy machine. */
const IMPORT_START_LIMIT_MS = 100_000;

/**
 * True once the schema is in place and another connection holds the write lock: the import's own transaction,
 * which it keeps from its first row to its last.
 */
function importHoldsTheWriteLock(path: string): boolean {
  if (!existsSync(path)) return false;
  const probe = new Database(path, { timeout: 0 });
  try {
    if (probe.pragma('user_version', { simple: true }) !== latestSchemaVersion()) return false;
    probe.exec('BEGIN IMMEDIATE');
    probe.exec('ROLLBACK');
    return false;
  } catch (err) {
    return (err as { code?: string }).code === 'SQLITE_BUSY';
  } finally {
    probe.close();
  }
}

describe('directory import from a CSV file, read as a stream', function () {
  this.timeout(120_000);
  let tmp: ReturnType<typeof tempDir>;
  let dbPath: string;
  let lines: string[];

  async function run(...argv: string[]): Promise<number> {
    const deps = { openDb: () => openDatabase(dbPath), now: () => NOW, out: (line: string) => lines.push(line) };
    const program = new Command('handover')
      .exitOverride()
      .configureOutput({ writeOut: (s) => deps.out(s), writeErr: (s) => deps.out(s) });
    registerDirectoryCommands(program, deps);
    try {
      await program.parseAsync(argv, { from: 'user' });
      return 0;
    } catch (err) {
      if (err instanceof CommanderError) return err.exitCode;
      deps.out(`Error: ${(err as Error).message}`);
      return 1;
    }
  }
  const stored = () => {
    const db = openDatabase(dbPath);
    const counts = {
      services: new ServiceStore(db).count(),
      people: new PeopleStore(db).all().length,
      check: db.pragma('integrity_check', { simple: true }),
    };
    db.close();
    return counts;
  };

  beforeEach(() => {
    tmp = tempDir('import-stream-');
    dbPath = join(tmp.dir, 'handover.db');
    lines = [];
  });
  afterEach(() => tmp.cleanup());

  it('given 3,000 services, when imported, then every one is stored and the summary names the first few and counts the rest', async () => {
    const csv = join(tmp.dir, 'directory.csv');
    await writeDirectoryCsvFile(csv, ROWS);
    expect(await run('directory', 'import', csv, '--format', 'csv')).to.equal(0);
    expect(stored().services).to.equal(ROWS);
    const created = lines.find((l) => l.startsWith('New services'))!;
    expect(created).to.match(new RegExp(`^New services ${ROWS}: Service 0 \\S+, Service 1 `));
    expect(created).to.match(new RegExp(` and ${ROWS - SUMMARY_NAMES_SHOWN} more$`));
    expect(created.length).to.be.below(1000);
  });

  it('given 3,000 services whose very last row has a bad e-mail, when imported, then that line is reported and no service or person is written', async () => {
    const csv = join(tmp.dir, 'directory.csv');
    const last = ROWS - 1;
    await writeDirectoryCsvFile(csv, ROWS, (i) =>
      i === last ? { ...generatedRow(i), primary_contact_email: 'not-an-address' } : generatedRow(i),
    );
    expect(await run('directory', 'import', csv, '--format', 'csv')).to.equal(1);
    expect(lines.join('\n')).to.match(new RegExp(`line ${ROWS + 1}: .*not a valid e-mail`));
    expect(stored()).to.deep.equal({ services: 0, people: 0, check: 'ok' });
  });

  it('given a file that is not there or a folder, when imported, then the sentence names it and the database is untouched', async () => {
    expect(await run('directory', 'import', join(tmp.dir, 'nope.csv'), '--format', 'csv')).to.equal(1);
    expect(await run('directory', 'import', tmp.dir, '--format', 'csv')).to.equal(1);
    expect(lines.join('\n'))
      .to.match(/Could not read .*nope\.csv: ENOENT/)
      .and.match(/Could not read .*: EISDIR/);
  });

  it('given the import process is killed (SIGKILL) while it writes, then the directory is exactly as before and the file passes its integrity check', async () => {
    const csv = join(tmp.dir, 'directory.csv');
    await writeDirectoryCsvFile(csv, KILLED_ROWS);
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin', 'handover.js'), 'directory', 'import', csv, '--format', 'csv'],
      {
        cwd: ROOT,
        stdio: 'ignore',
        env: { ...process.env, DATABASE_PATH: dbPath, DEMO_DIRECTORY: 'off', LOG_LEVEL: 'silent' },
      },
    );
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
    await eventually(() => importHoldsTheWriteLock(dbPath), 'the import to be writing', IMPORT_START_LIMIT_MS);
    child.kill('SIGKILL');
    expect(await exited).to.equal('SIGKILL');
    expect(stored()).to.deep.equal({ services: 0, people: 0, check: 'ok' });
  });
});
