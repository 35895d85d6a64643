// Small helpers shared by the benchmarks: percentiles, timing and a printed table.
import { readFileSync } from 'node:fs';
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function timeEach(n: number, fn: (i: number) => void): number[] {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    fn(i);
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return samples.sort((a, b) => a - b);
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Resident memory of a process, in MB, read from /proc. */
export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024, 1);
}

/** ours ÷ bare, guarding against a zero baseline. */
export function ratio(ours: number, bare: number): number {
  return round(ours / Math.max(bare, 1), 2);
}

/** The three rows every bare-vs-ours latency comparison prints. */
export function latencyRows(label: string, bare: { p50: number; p99: number }, ours: { p50: number; p99: number }): Record<string, string> {
  return {
    [`${label}: bare p50 / p99 (ms)`]: `${bare.p50} / ${bare.p99}`,
    [`${label}: ours p50 / p99 (ms)`]: `${ours.p50} / ${ours.p99}`,
    [`${label}: p50 ratio, p99 ratio (≤ 1.5)`]: `${ratio(ours.p50, bare.p50)}, ${ratio(ours.p99, bare.p99)}`,
  };
}

type Counted = { errors: number; non2xx: number };

/** Errors (connection errors and timeouts) and non-2xx answers over all of one server's runs. */
export function errorRows(bare: Counted[], ours: Counted[]): Record<string, string> {
  const sum = (runs: Counted[], k: keyof Counted) => runs.reduce((n, r) => n + r[k], 0);
  return {
    'errors + timeouts / non-2xx (ours)': `${sum(ours, 'errors')} / ${sum(ours, 'non2xx')}`,
    'errors + timeouts / non-2xx (bare)': `${sum(bare, 'errors')} / ${sum(bare, 'non2xx')}`,
  };
}

/** Resident memory of both servers now, and ours ÷ bare. */
export function rssRow(barePid: number, oursPid: number): Record<string, string> {
  const bare = rssMb(barePid);
  const ours = rssMb(oursPid);
  return { 'RSS bare / ours (MB), ratio (≤ 1.5)': `${bare} / ${ours}, ${ratio(ours, bare)}` };
}
