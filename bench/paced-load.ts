// A fixed-rate (open-loop) load generator for the bare-vs-ours latency comparisons.
//
// Why not autocannon's `overallRate` here: autocannon 9 gives each connection a per-second budget and spends it
// back to back at the start of every second (so "200 req/s" over 20 connections is a 20-deep burst each second,
// then silence), and its coordinated-omission correction is called with ceil(1 / rate-per-connection) = 1 ms,
// which back-fills one synthetic sample per millisecond of every slow response. Both shapes depend on how long
// the server takes, so they blur a comparison between two servers. Here request i is sent at t0 + i / rate
// whatever the answers do, and its latency is counted from that planned moment to the end of the answer, so a
// server (or generator) that falls behind is charged for it.
import { Agent, request } from 'node:http';
import { percentile } from './stats.ts';

/** Enough sockets that a slow answer never holds back the next planned request. */
const MAX_SOCKETS = 128;
/** The generator wakes this often to send whatever is due. */
const TICK_MS = 1;

export interface PacedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}
export interface PacedResult {
  sent: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  latencies: number[];
}

export async function pacedLoad(o: {
  port: number;
  rate: number;
  seconds: number;
  next: () => PacedRequest;
}): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });
  const total = Math.round(o.rate * o.seconds);
  const interval = 1000 / o.rate;
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let sent = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  const send = (planned: number) => {
    const r = o.next();
    inFlight.push(
      new Promise<void>((resolve) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: o.port,
            path: r.path,
            method: 'POST',
            agent,
            headers: { ...r.headers, 'content-length': Buffer.byteLength(r.body) },
          },
          (res) => {
            res.resume();
            res.on('end', () => {
              latencies.push(performance.now() - planned);
              if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) > 299) non2xx++;
              resolve();
            });
          },
        );
        req.on('error', () => {
          errors++;
          resolve();
        });
        req.end(r.body);
      }),
    );
  };
  while (sent < total) {
    const now = performance.now();
    while (sent < total && start + sent * interval <= now) {
      send(start + sent * interval);
      sent++;
    }
    await new Promise((r) => setTimeout(r, TICK_MS));
  }
  await Promise.all(inFlight);
  agent.destroy();
  return summarize([{ sent, errors, non2xx, latencies }]);
}

/** Pools several runs (e.g. rounds taken in turn with another server) into one set of percentiles. */
export function summarize(runs: Pick<PacedResult, 'sent' | 'errors' | 'non2xx' | 'latencies'>[]): PacedResult {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const at = (p: number) => Math.round(percentile(latencies, p) * 10) / 10;
  const sum = (k: 'sent' | 'errors' | 'non2xx') => runs.reduce((n, r) => n + r[k], 0);
  return {
    sent: sum('sent'),
    p50: at(50),
    p90: at(90),
    p99: at(99),
    max: at(100),
    errors: sum('errors'),
    non2xx: sum('non2xx'),
    latencies,
  };
}

/**
 * Loads two servers in turn, ROUNDS times, alternating which goes first, and pools each one's answers: drift on a
 * shared machine (another process waking, the page cache) then falls on both alike, and p99 rests on more samples.
 */
export async function inTurns(
  rounds: number,
  a: () => Promise<PacedResult>,
  b: () => Promise<PacedResult>,
): Promise<[PacedResult, PacedResult]> {
  const ra: PacedResult[] = [];
  const rb: PacedResult[] = [];
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      ra.push(await a());
      rb.push(await b());
    } else {
      rb.push(await b());
      ra.push(await a());
    }
  }
  return [summarize(ra), summarize(rb)];
}
