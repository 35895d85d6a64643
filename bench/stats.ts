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

/** One memory field of /proc/<pid>/status (given there in kB), in MB. */
function procStatusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024, 1);
}

/** Resident memory of a process, in MB, read from /proc. */
export function rssMb(pid: number): number {
  return procStatusMb(pid, 'VmRSS');
}

/** ours ÷ bare, guarding against a zero baseline. */
export function ratio(ours: number, bare: number): number {
  return round(ours / Math.max(bare, 1), 2);
}

/** The three rows every bare-vs-ours latency comparison prints. */
export function latencyRows(
  label: string,
  bare: { p50: number; p99: number },
  ours: { p50: number; p99: number },
): Record<string, string> {
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

/** Peak resident memory of a process so far (the kernel's high-water mark), in MB. */
export function peakRssMb(pid: number): number {
  return procStatusMb(pid, 'VmHWM');
}

/** How often the memory watcher samples each server's RSS while the load runs. */
export const RSS_SAMPLE_MS = 250;

/**
 * Samples both servers' RSS while the load runs. A single reading at the end is a lottery: a garbage-collected heap
 * grows and shrinks by tens of MB between collections, so the mean over the run and the peak are reported too.
 */
export function watchRss(barePid: number, oursPid: number): { rows(): Record<string, string> } {
  const samples: [number, number][] = [];
  const timer = setInterval(() => samples.push([rssMb(barePid), rssMb(oursPid)]), RSS_SAMPLE_MS);
  return {
    rows() {
      clearInterval(timer);
      const mean = (i: 0 | 1) => round(samples.reduce((n, s) => n + s[i], 0) / Math.max(1, samples.length), 1);
      const [bareMean, oursMean] = [mean(0), mean(1)];
      const [barePeak, oursPeak] = [peakRssMb(barePid), peakRssMb(oursPid)];
      const [bareEnd, oursEnd] = [rssMb(barePid), rssMb(oursPid)];
      return {
        'RSS mean over the run bare / ours (MB), ratio (≤ 1.5)': `${bareMean} / ${oursMean}, ${ratio(oursMean, bareMean)}`,
        'RSS peak bare / ours (MB), ratio (≤ 1.5)': `${barePeak} / ${oursPeak}, ${ratio(oursPeak, barePeak)}`,
        'RSS at the end bare / ours (MB), ratio': `${bareEnd} / ${oursEnd}, ${ratio(oursEnd, bareEnd)}`,
        'RSS samples': `${samples.length} × ${RSS_SAMPLE_MS} ms`,
      };
    },
  };
}
