// What the HTTP server's own pages (reports, coordinator pages) use: the platform context plus the database and the
// stores they read and edit directly. The composition root's Container is one.
import type { PlatformContext } from '../app/platform-context.ts';
import type { HandoverStore } from '../storage/handover-store.ts';
import type { PeopleStore } from '../storage/people-store.ts';
import type { ServiceStore } from '../storage/service-store.ts';
import type { Db } from '../storage/sqlite.ts';

export interface HttpContext extends PlatformContext {
  db: Db;
  people: PeopleStore;
  services: ServiceStore;
  handovers: HandoverStore;
}
