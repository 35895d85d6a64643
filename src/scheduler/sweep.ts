// The sweep (every minute): in one transaction, turn everything due into outbox messages and run the
// reminder service's own actions (escalate, expire) through the HandoverService, so they are audited.
import { askOutcome, autoCloseHandover, escalateHandover, expireHandover } from '../app/system-actions.ts';
import { inTransaction } from '../storage/sqlite.ts';
import type { ScheduleRow } from '../storage/schedule-store.ts';
import {
  REVIEW_STALE_KIND,
  reopenAfterCapacityDates,
  requestReviews,
  sweepReviewDeadline,
} from './directory-review.ts';
import { purgeClosed } from './purge.ts';
import { reclaimFreedSpace } from '../storage/scrub.ts';
import { ActionKeyStore } from '../storage/action-key-store.ts';
import { DIGEST_KIND, PrefsCache, emptyTally, sweepDigest, sweepNudge, type SweepTally } from './sweep-nudges.ts';
import type { SweepDeps } from './sweep-types.ts';

/** Due rows read per query; the sweep keeps reading until nothing due is left. */
export const SWEEP_BATCH = 5000;

export interface SweepResult extends SweepTally {
  rows: number;
}

function handleRow(deps: SweepDeps, row: ScheduleRow, prefs: PrefsCache, now: Date, tally: SweepTally): void {
  switch (row.kind) {
    case 'escalate':
      if (escalateHandover(deps.handoverService, row.subjectId)?.noop === false) tally.escalated++;
      deps.schedule.markDone(row.id, now);
      return;
    case 'expire':
      if (expireHandover(deps.handoverService, row.subjectId)?.noop === false) tally.expired++;
      deps.schedule.markDone(row.id, now);
      return;
    case 'ask_outcome':
      if (askOutcome(deps.handoverService, row.subjectId)?.noop === false) tally.asked++;
      deps.schedule.markDone(row.id, now);
      return;
    case 'auto_close':
      if (autoCloseHandover(deps.handoverService, row.subjectId)?.noop === false) tally.closed++;
      deps.schedule.markDone(row.id, now);
      return;
    case DIGEST_KIND:
      sweepDigest(deps, row, now, tally);
      return;
    case REVIEW_STALE_KIND:
      sweepReviewDeadline(deps, row, now, tally);
      return;
    default:
      sweepNudge(deps, row, prefs, now, tally);
  }
}

/** Runs one sweep at `now`. Everything it does commits together, or not at all. */
export function sweep(deps: SweepDeps, now: Date): SweepResult {
  const tally = emptyTally();
  let rows = 0;
  inTransaction(deps.db, () => {
    const prefs = new PrefsCache(deps);
    for (;;) {
      const due = deps.schedule.due(now, SWEEP_BATCH);
      if (due.length === 0) break;
      for (const row of due) handleRow(deps, row, prefs, now, tally);
      rows += due.length;
    }
    requestReviews(deps, now, tally);
    reopenAfterCapacityDates(deps, now);
    if (deps.retentionDays) tally.purged = purgeClosed(deps.db, now, deps.retentionDays).length;
    new ActionKeyStore(deps.db).forgetOld(now);
    for (const job of deps.extraJobs ?? []) job(now);
  });
  if (tally.purged && !reclaimFreedSpace(deps.db).logEmptied) {
    deps.log?.warn(
      { purged: tally.purged },
      'purge: the write-ahead log could not be emptied (a reader holds it); its old pages stay until the log is reused or the next purge',
    );
  }
  const result = { ...tally, rows };
  if (rows > 0) deps.log?.info({ sweep: result }, 'sweep queued due messages');
  return result;
}

export interface SweepLoop {
  start(): void;
  stop(): void;
}

/** Sweeps every `intervalMs`, calling `afterSweep` (e.g. dispatcher.kick) when something was queued. */
export function createSweepLoop(
  run: () => SweepResult,
  intervalMs: number,
  afterSweep?: () => void,
  log?: SweepDeps['log'],
): SweepLoop {
  let timer: NodeJS.Timeout | null = null;
  const tick = () => {
    try {
      const r = run();
      if (r.rows > 0 || r.reviewRequests > 0 || r.purged > 0) afterSweep?.();
    } catch (err) {
      log?.error({ err }, 'sweep failed; it will run again at the next interval');
    }
  };
  return {
    start() {
      if (!timer) {
        timer = setInterval(tick, intervalMs);
        timer.unref();
        setImmediate(tick);
      }
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
