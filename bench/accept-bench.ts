// The Accept path without HTTP or a platform SDK: the shared action handler (state change in SQLite, the view,
// the refreshed card), then the Adaptive Card (Teams, playground) and Block Kit (Slack) renders of that card.
// Where a slow Accept in the Slack/Teams benchmarks comes from, measured on its own. No baseline: these are ms.
import { buildContainer } from '../src/main/container.ts';
import { toAdaptiveCard } from '../src/cards/adaptive.ts';
import type { Card } from '../src/cards/model.ts';
import { readConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { cardToMessage } from '../src/platforms/slack/blocks.ts';
import { openDatabase } from '../src/storage/sqlite.ts';
import { FixedClock, everyDayCalendar, introduceInput, seedWorld, tempDir } from '../test/support/make.ts';
import { percentile, round, timeEach } from './stats.ts';

const ACCEPTS = 2000;

const summary = (s: number[]) => `${round(percentile(s, 50), 3)} / ${round(percentile(s, 99), 3)}`;

export async function run(): Promise<Record<string, unknown>> {
  const tmp = tempDir('accept-bench-');
  try {
    const config = readConfig({ DATABASE_PATH: `${tmp.dir}/h.db`, LOG_LEVEL: 'silent', TEAMS: 'off' });
    const db = openDatabase(config.databasePath);
    const clock = new FixedClock();
    seedWorld(db, clock);
    const c = buildContainer(config, createLogger('silent'), db, clock, everyDayCalendar);
    const ids = Array.from({ length: ACCEPTS }, () => c.handoverService.introduce('jo', introduceInput()).id);
    const cards: Card[] = [];
    const act = timeEach(ACCEPTS, (i) => {
      const r = c.runAction({ actorId: 'sam', actionId: 'accept', subjectId: ids[i] });
      if (r.kind !== 'card') throw new Error(`Accept ${ids[i]} answered ${r.kind}`);
      cards.push(r.card);
    });
    const adaptive = timeEach(ACCEPTS, (i) => {
      toAdaptiveCard(cards[i]);
    });
    const blocks = timeEach(ACCEPTS, (i) => {
      cardToMessage(cards[i]);
    });
    const mb = (n: number) => round(n / 1048576, 0);
    const m = process.memoryUsage();
    db.close();
    return {
      accepts: ACCEPTS,
      'handleAction accept p50 / p99 (ms)': summary(act),
      'toAdaptiveCard p50 / p99 (ms)': summary(adaptive),
      'cardToMessage (Block Kit) p50 / p99 (ms)': summary(blocks),
      'memory after: rss / heap total (MB)': `${mb(m.rss)} / ${mb(m.heapTotal)}`,
    };
  } finally {
    tmp.cleanup();
  }
}
