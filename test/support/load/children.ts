// Starting and watching the child processes of a load run: the server (test/support/load/server.ts) and the fakes.
import { spawn, type ChildProcess } from 'node:child_process';
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface Child<T> {
  proc: ChildProcess;
  info: T;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

const MAX_STDERR_CHARS = 200_000;

/** Bundles of the child scripts, built once per test process inside the project (src/paths.ts finds its root). */
const BUNDLE_DIR = join(import.meta.dirname, '../../../test-output/children', String(process.pid));
const bundles = new Map<string, Promise<string>>();

/**
 * The script as one ES module bundle (packages stay external), so a child starts in about half the time it takes
 * under tsx, which compiles every source file again in each new process.
 */
function bundled(script: string): Promise<string> {
  let made = bundles.get(script);
  if (!made) {
    if (bundles.size === 0) process.once('exit', () => rmSync(BUNDLE_DIR, { recursive: true, force: true }));
    const outfile = join(BUNDLE_DIR, script.replace(/\.ts$/, '.mjs'));
    made = build({
      entryPoints: [join(import.meta.dirname, script)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile,
      logLevel: 'warning',
    }).then(() => outfile);
    bundles.set(script, made);
  }
  return made;
}

/** Spawns `node <script, bundled>` and resolves with the first stdout line that is {"ready":true,…}. */
export async function startChild<T>(script: string, env: Record<string, string> = {}): Promise<Child<T>> {
  const proc = spawn(process.execPath, [await bundled(script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr!.on('data', (d) => {
    if (err.length < MAX_STDERR_CHARS) err += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    proc.once('exit', (code, signal) => r({ code, signal })),
  );
  const info = await new Promise<T>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      if (line.startsWith('{"ready":true')) resolve(JSON.parse(line) as T);
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`${script} exited (${code ?? signal}) before it was ready:\n${err.slice(-4000)}`)),
    );
  });
  return { proc, info, exited, stderr: () => err };
}

/** Kills a child we started and waits until it is gone. */
export async function stopChild(child: Child<unknown> | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  child.proc.kill(signal);
  await child.exited;
}

/** A port that is free now, so a restarted server can come back on the same address. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export function rssMb(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 102.4) / 10;
  } catch {
    return 0;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; returns the peak and the last sample. */
export function sampleRss(pid: number, everyMs = 500): { stop(): { peakMb: number; lastMb: number } } {
  let peakMb = 0;
  let lastMb = 0;
  const take = () => {
    const v = rssMb(pid);
    if (v > 0) {
      lastMb = v;
      peakMb = Math.max(peakMb, v);
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop: () => {
      take();
      clearInterval(timer);
      return { peakMb, lastMb };
    },
  };
}
