// Load, crash and two instances against the real server (startApp in a child process) with the fake Slack API and
// Bot Connector in another process: 200 requests/s of mixed traffic for 60 s (Slack clicks, Teams invokes,
// playground actions and introductions, directory searches); then kill -9 half-way through the load and restart on the
// same file; then two servers on one file with the dispatcher lease holder killed. Nothing is asserted here (the fast
// versions in test/reliability assert); the summary table shows requests, errors, p50/p99, RSS, lost actions and
// duplicate nudges. LOAD_RATE / LOAD_SECONDS override the rate and duration.
import { LEASE_TTL_MS } from '../src/scheduler/lease.ts';
import { crashRun, loadRun, twoInstancesRun, type LoadReport } from '../test/support/load/runs.ts';

const RATE = Number(process.env.LOAD_RATE ?? 200);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CRASH_SECONDS = Math.min(SECONDS, 30);
const NUDGES_PER_CONTACT = 20;
const DRAIN_LIMIT_MS = 90_000;

function table(name: string, r: LoadReport): string[] {
  const lines = [`${name}: kind               requests   2xx    4xx   5xx  errors  p50 ms  p99 ms`];
  for (const k of r.kinds) {
    lines.push(
      `${' '.repeat(name.length)}  ${k.kind.padEnd(18)} ${String(k.sent).padStart(8)} ${String(k.ok).padStart(5)} ${String(k.c4xx).padStart(6)} ${String(k.c5xx).padStart(5)} ${String(k.errors).padStart(7)} ${String(k.p50).padStart(7)} ${String(k.p99).padStart(7)}`,
    );
  }
  return lines;
}

function figures(prefix: string, r: LoadReport): Record<string, unknown> {
  const sum = (f: (k: LoadReport['kinds'][number]) => number) => r.kinds.reduce((s, k) => s + f(k), 0);
  return {
    [`${prefix}: requests / 2xx / 5xx / errors`]: `${sum((k) => k.sent)} / ${sum((k) => k.ok)} / ${sum((k) => k.c5xx)} / ${sum((k) => k.errors)}`,
    [`${prefix}: RSS peak / end (MB)`]: `${r.rss.peakMb} / ${r.rss.lastMb}`,
    [`${prefix}: acknowledged clicks+introductions / lost / double audit`]: `${r.actions.acknowledged} / ${r.actions.lost + r.actions.lostIntroductions} / ${r.actions.duplicateAudit}`,
    [`${prefix}: nudges / delivered / lost / sent twice`]: `${r.nudges.nudges} / ${r.nudges.delivered} / ${r.nudges.lost} / ${r.nudges.sentTwice}`,
    [`${prefix}: nudges by platform`]: r.nudges.byPlatform,
    [`${prefix}: nudges sent twice, by platform`]: r.nudges.twiceBy,
    [`${prefix}: duplicate sends of any message`]: r.nudges.duplicateSends,
    [`${prefix}: outbox at the end`]: r.outbox,
    [`${prefix}: integrity_check`]: r.integrity,
  };
}

export async function run(): Promise<Record<string, unknown>> {
  const load = await loadRun({
    rate: RATE,
    seconds: SECONDS,
    nudgesPerContact: NUDGES_PER_CONTACT,
    drainLimitMs: DRAIN_LIMIT_MS,
    warmUpSeconds: 3,
  });
  for (const line of table('load', load)) console.log(`  ${line}`);
  const crash = await crashRun({
    rate: RATE,
    seconds: CRASH_SECONDS,
    nudgesPerContact: NUDGES_PER_CONTACT,
    drainLimitMs: DRAIN_LIMIT_MS,
    waitForLease: true,
  });
  for (const line of table('crash', crash)) console.log(`  ${line}`);
  const two = await twoInstancesRun({
    rate: RATE,
    seconds: CRASH_SECONDS,
    nudgesPerContact: NUDGES_PER_CONTACT,
    drainLimitMs: DRAIN_LIMIT_MS,
    waitForLease: true,
  });
  for (const line of table('two', two)) console.log(`  ${line}`);
  return {
    'rate (req/s) × seconds (load; crash and two instances)': `${RATE} × ${SECONDS}; ${RATE} × ${CRASH_SECONDS}`,
    ...figures('load', load),
    'crash: killed after (s), signal, restart ready (ms)': `${crash.killedAtSeconds}, ${crash.signal}, ${crash.restartReadyMs}`,
    'crash: integrity_check right after the kill / at the end': `${crash.integrity} / ${crash.integrityAfter}`,
    'crash: outbox messages in flight at the kill': crash.inFlightAtKill,
    'crash: acknowledged before the kill / lost': `${crash.beforeKill.acknowledged} / ${crash.beforeKill.lost + crash.beforeKill.lostIntroductions}`,
    ...figures('crash', crash),
    'two: lease samples / both holding at once': `${two.samples} / ${two.bothHeld}`,
    'two: instances seen holding the lease': two.holders,
    [`two: takeover after killing the holder (ms, lease ${LEASE_TTL_MS} ms)`]: two.takeoverMs,
    'two: acknowledged by each instance': two.served.join(' / '),
    'two: outbox messages in flight when the holder was killed': two.inFlightAtKill,
    ...figures('two', two),
  };
}
