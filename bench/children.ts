// The child processes of the Slack and Teams comparisons: each server runs in its own process, so its memory and
// CPU are its own. A child prints one JSON line when it is ready ({port}, {url} or {handoverIds}); the Slack fake
// Web API also answers commands on stdin with a line each (nextLine).
import { buildSync } from 'esbuild';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from '../src/paths.ts';

export interface BenchChild {
  proc: ChildProcess;
  port: number;
  handoverIds: string[];
  url: string;
  nextLine(): Promise<string>;
}

const built = new Map<string, string>();

/**
 * The script bundled as `npm start` bundles the server (esbuild, packages left in node_modules), so that each
 * child runs under plain node as production does: no TypeScript loader thread, whose compiled-module cache would
 * count towards the memory of whichever side loads more modules. Split into chunks at each dynamic import, so a
 * mode only loads what it imports (the bare app never loads the product's modules or their packages).
 */
function bundled(script: string): string {
  let entry = built.get(script);
  if (!entry) {
    const outdir = join(ROOT, 'dist', 'bench', basename(script, '.ts'));
    buildSync({
      entryPoints: [script],
      outdir,
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outExtension: { '.js': '.mjs' },
      logLevel: 'warning',
    });
    entry = join(outdir, `${basename(script, '.ts')}.mjs`);
    built.set(script, entry);
  }
  return entry;
}

/** Starts `node <bundled script> ...args` and waits for its ready line. */
export async function startBenchChild(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<BenchChild> {
  const proc = spawn(process.execPath, [bundled(script), ...args], { stdio: ['pipe', 'pipe', 'inherit'], env });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    const w = waiting.shift();
    if (w) w(line);
    else lines.push(line);
  });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      const line = lines.shift();
      if (line !== undefined) {
        resolve(line);
        return;
      }
      waiting.push(resolve);
      proc.once('exit', (code) => reject(new Error(`${args[0] ?? script} process exited (${code})`)));
    });
  return {
    proc,
    port: 0,
    handoverIds: [],
    url: '',
    nextLine,
    ...(JSON.parse(await nextLine()) as Partial<BenchChild>),
  };
}

/** A folder for the database ours starts on (filled by a separate seeding process, as after a restart). */
export function scratchDatabase(prefix: string): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { path: join(dir, 'h.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Kills the children and waits until the one holding the database has gone before the folder is removed. */
export async function stopChildren(children: BenchChild[], holder: BenchChild, db: { remove(): void }): Promise<void> {
  const gone =
    holder.proc.exitCode !== null || holder.proc.signalCode !== null
      ? Promise.resolve()
      : new Promise((r) => holder.proc.once('exit', r));
  for (const c of children) c.proc.kill();
  await gone;
  db.remove();
}
