// Small, pure statistics for the reports: median and 90th percentile of elapsed times.

export interface DurationSummary {
  /** How many handovers the figure is based on. */
  n: number;
  /** Median elapsed hours, one decimal; null when there is nothing to measure. */
  medianHours: number | null;
  /** 90th percentile (nearest rank) in elapsed hours, one decimal; null when there is nothing to measure. */
  p90Hours: number | null;
}

const HOURS_DECIMALS = 1;

function round(value: number, decimals = HOURS_DECIMALS): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

function sortedFinite(values: readonly number[]): number[] {
  return values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
}

/** The middle value (the mean of the two middle values for an even count); null for no values. */
export function median(values: readonly number[]): number | null {
  const sorted = sortedFinite(values);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Nearest-rank percentile: the smallest value such that at least p% of the values are at or below it.
 * "90% of introductions were answered within X hours." null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (p <= 0 || p > 100) throw new RangeError('A percentile must be above 0 and at most 100.');
  const sorted = sortedFinite(values);
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)];
}

/** Summary of elapsed hours: count, median and 90th percentile, rounded to one decimal. */
export function summariseHours(hours: readonly number[]): DurationSummary {
  const m = median(hours);
  const p = percentile(hours, 90);
  return {
    n: sortedFinite(hours).length,
    medianHours: m === null ? null : round(m),
    p90Hours: p === null ? null : round(p),
  };
}

/** Elapsed hours between two ISO instants (negative spans, which only bad data can make, count as 0). */
export function hoursBetween(fromIso: string, toIso: string): number {
  const ms = Date.parse(toIso) - Date.parse(fromIso);
  return Math.max(0, ms) / 3_600_000;
}

/** A share as a whole-number percentage, or null when the denominator is 0. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 100) : null;
}
