// Prepares the database file a load/crash run starts from: the demo directory, chat identities for everyone,
// introductions ready to accept or to confirm contact on (one per request, so every acknowledged click has exactly
// one expected audit row), and reply nudges due now for the contacts of every service (what the dispatcher sends).
import { HandoverService } from '../../../src/app/handover-service.ts';
import type { Identity } from '../../../src/domain/ports.ts';
import { loadDemoDirectory, DEMO_PEOPLE, DEMO_SERVICE_ID } from '../../../src/directory-io/demo-directory.ts';
import { HandoverStore } from '../../../src/storage/handover-store.ts';
import { PeopleStore } from '../../../src/storage/people-store.ts';
import { ScheduleStore } from '../../../src/storage/schedule-store.ts';
import { ServiceStore } from '../../../src/storage/service-store.ts';
import { inTransaction, openDatabase } from '../../../src/storage/sqlite.ts';
import { everyDayCalendar, introduceInput } from '../make.ts';

export const SLACK_TEAM = 'T0FAKE001';
export const TEAMS_TENANT = '72f988bf-0000-4000-8000-00000000cafe';
/** The named contact who clicks in every channel during the load. */
export const CONTACT = {
  personId: DEMO_PEOPLE.contact,
  slackUserId: 'U0SAM0001',
  aadObjectId: 'aad-0002-sam',
  teamsUserId: '29:1sam-teams-id',
};
export const ACTIONS = ['accept', 'confirm_contact'] as const;

export type ActionId = (typeof ACTIONS)[number];
export interface Target {
  handoverId: string;
  version: number;
  actionId: ActionId;
}
export interface Plan {
  targets: { slack: Target[]; teams: Target[]; web: Target[] };
  /** Slack user ids the fake Slack API must know (conversations.open answers user_not_found otherwise). */
  slackUsers: string[];
  nudges: number;
  serviceIds: string[];
}

export interface PrepareOptions {
  /** Prepared introductions per clicking channel (half to accept, half accepted already to confirm contact on). */
  perChannel: number;
  /** Reply nudges due now, per service contact. */
  nudgesPerContact: number;
  connectorUrl: string;
}

const clock = { now: () => new Date() };

function linkEveryone(people: PeopleStore, connectorUrl: string): string[] {
  const slackUsers = [CONTACT.slackUserId];
  people.link(CONTACT.personId, { platform: 'slack', tenant: SLACK_TEAM, userId: CONTACT.slackUserId });
  people.link(CONTACT.personId, teamsIdentity(CONTACT.aadObjectId, CONTACT.teamsUserId, connectorUrl));
  people
    .all()
    .filter((p) => p.id !== CONTACT.personId)
    .forEach((p, i) => {
      // Half the directory is on Slack, half on Teams; everyone keeps their web identity.
      if (i % 2 === 0) {
        const userId = `U0LOAD${String(i).padStart(3, '0')}`;
        slackUsers.push(userId);
        people.link(p.id, { platform: 'slack', tenant: SLACK_TEAM, userId });
      } else {
        people.link(p.id, teamsIdentity(`aad-load-${i}`, `29:load-${i}`, connectorUrl));
      }
    });
  return slackUsers;
}

function teamsIdentity(aadObjectId: string, teamsUserId: string, serviceUrl: string): Identity {
  return { platform: 'teams', tenant: TEAMS_TENANT, userId: aadObjectId, details: { teamsUserId, serviceUrl } };
}

function targets(handoverService: HandoverService, n: number): Target[] {
  const out: Target[] = [];
  for (let i = 0; i < n; i++) {
    const h = handoverService.introduce(
      DEMO_PEOPLE.introducer,
      introduceInput({ serviceId: DEMO_SERVICE_ID, clientName: `L.${i}` }),
    );
    if (i % 2 === 0) {
      out.push({ handoverId: h.id, version: h.version, actionId: 'accept' });
      continue;
    }
    const accepted = handoverService.act(h.id, { type: 'accept', actorId: CONTACT.personId });
    out.push({ handoverId: h.id, version: accepted.handover.version, actionId: 'confirm_contact' });
  }
  return out;
}

function dueNudges(
  handoverService: HandoverService,
  services: ServiceStore,
  schedule: ScheduleStore,
  perContact: number,
): { nudges: number; serviceIds: string[] } {
  let nudges = 0;
  const serviceIds = services
    .all()
    .map((s) => s.id)
    .filter((id) => id !== DEMO_SERVICE_ID);
  for (const serviceId of serviceIds) {
    for (let i = 0; i < perContact; i++) {
      let h;
      try {
        h = handoverService.introduce(DEMO_PEOPLE.coordinator, introduceInput({ serviceId, clientName: `N.${i}` }));
      } catch {
        break;
      }
      schedule.add(h.id, { kind: 'reply_nudge', dueAt: clock.now(), recipientId: h.contactId }, clock.now());
      nudges++;
    }
  }
  return { nudges, serviceIds };
}

/** Writes everything into a new database file at `path` and closes it. */
export function prepareDatabase(path: string, o: PrepareOptions): Plan {
  const db = openDatabase(path);
  try {
    loadDemoDirectory(db, clock.now());
    const people = new PeopleStore(db, () => clock.now());
    const services = new ServiceStore(db);
    const handoverService = new HandoverService({
      db,
      clock,
      calendar: everyDayCalendar,
      timeZone: 'Europe/London',
      handovers: new HandoverStore(db),
      people,
      services,
    });
    return inTransaction(db, () => {
      const slackUsers = linkEveryone(people, o.connectorUrl);
      const plan = {
        slack: targets(handoverService, o.perChannel),
        teams: targets(handoverService, o.perChannel),
        web: targets(handoverService, o.perChannel),
      };
      const due = dueNudges(handoverService, services, new ScheduleStore(db), o.nudgesPerContact);
      return { targets: plan, slackUsers, ...due };
    });
  } finally {
    db.close();
  }
}
