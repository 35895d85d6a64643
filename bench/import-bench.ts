// Importing a large directory CSV: 100,000 services (about 62 MB) with `handover directory import`, run as a
// coordinator runs it (node bin/handover.js, through tsx) in a process of its own. Reports that process's peak
// resident memory (goal: under 250 MB, docs/performance-import.md) and how long it took. A figure, not an assertion.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../src/paths.ts';
import { openDatabase } from '../src/storage/sqlite.ts';
import { scratchDatabase } from './children.ts';
import { writeDirectoryCsvFile } from '../test/support/directory-csv-file.ts';

export const IMPORT_ROWS = 100_000;
export const PEAK_RSS_GOAL_MB = 250;
interface ImportRun {
  exitCode: number | null;
  seconds: number;
  peakRssMb: number;
  output: string;
}

/** `node bin/handover.js directory import <csv> --format csv`, with its peak memory read at exit. */
async function importInChild(csv: string, databasePath: string): Promise<ImportRun> {
  const args = [
    '--import',
    join(import.meta.dirname, 'peak-rss.mjs'),
    join(ROOT, 'bin', 'handover.js'),
    'directory',
    'import',
    csv,
    '--format',
    'csv',
  ];
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: databasePath, DEMO_DIRECTORY: 'off', LOG_LEVEL: 'silent' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString('utf8');
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  const [exitCode] = (await once(child, 'exit')) as [number | null];
  const peakKb = Number(/PEAK_RSS_KB (\d+)/.exec(stderr)?.[1] ?? NaN);
  return {
    exitCode,
    seconds: (performance.now() - started) / 1000,
    peakRssMb: peakKb / 1024,
    output: stdout.slice(0, 300),
  };
}

export async function run(): Promise<Record<string, unknown>> {
  const db = scratchDatabase('import-bench-');
  const csv = join(db.path, '..', 'directory.csv');
  try {
    await writeDirectoryCsvFile(csv, IMPORT_ROWS);
    const result = await importInChild(csv, db.path);
    const stored = openDatabase(db.path, { migrate: false });
    const services = (stored.prepare('SELECT count(*) AS n FROM services').get() as { n: number }).n;
    stored.close();
    return {
      'rows in the file': IMPORT_ROWS,
      'file size (MB)': (statSync(csv).size / 1e6).toFixed(1),
      'exit code': result.exitCode,
      'services stored': services,
      'import time, process start to exit (s)': result.seconds.toFixed(1),
      'peak RSS of the import process (MB)': Math.round(result.peakRssMb),
      [`goal: under ${PEAK_RSS_GOAL_MB} MB`]: result.peakRssMb < PEAK_RSS_GOAL_MB ? 'met' : 'NOT met',
      'first output': result.output.split('\n')[0],
    };
  } finally {
    db.remove();
  }
}
