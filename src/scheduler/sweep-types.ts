// What a sweep needs: the stores, the handover service (for escalate / expire) and the calendar.
import type { HandoverService } from '../app/handover-service.ts';
import type { WorkingCalendar } from '../domain/calendar/types.ts';
import type { Logger } from '../log.ts';
import type { HandoverStore } from '../storage/handover-store.ts';
import type { OutboxStore } from '../storage/outbox-store.ts';
import type { PresenceStore } from '../storage/presence-store.ts';
import type { ReviewStore } from '../storage/review-store.ts';
import type { ScheduleStore } from '../storage/schedule-store.ts';
import type { ServiceStore } from '../storage/service-store.ts';
import type { Db } from '../storage/sqlite.ts';

export interface SweepDeps {
  db: Db;
  handoverService: HandoverService;
  handovers: HandoverStore;
  services: ServiceStore;
  schedule: ScheduleStore;
  outbox: OutboxStore;
  presence: PresenceStore;
  reviews: ReviewStore;
  calendar: WorkingCalendar;
  defaultTimeZone: string;
  /** Directory entries not reviewed for this long get a review request (default 12). */
  staleAfterMonths?: number;
  /** Client details are purged this many days after closure; absent: no purge in the sweep. */
  retentionDays?: number;
  log?: Logger;
  /**
   * TODO(opportunities): there is no opportunities table yet. When there is, add a job here that closes
   * opportunities at their deadline (update the posted card to "Closed") and queues each channel's weekly
   * digest of what is still open. Each job runs inside the sweep's transaction.
   */
  extraJobs?: Array<(now: Date) => void>;
}
