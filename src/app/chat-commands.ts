// Things a person types to the bot in a 1:1 chat (Teams, Slack's /handover, the web playground's "say" action):
//   settings                      their time zone, working hours and digest, and how to change them
//   settings time zone Europe/Paris · settings hours 08:00-16:00 · settings digest daily|off
//   We're full until 12 Jan (for <service>) · We're open · Capacity limited
// Changes are applied at once and audited with the person.
import { localDate } from '../cards/format.ts';
import { buildNoticeCard } from '../cards/other-cards.ts';
import { formatCalendarDate } from '../domain/calendar/date-words.ts';
import { readCapacityWords } from '../domain/directory/capacity-words.ts';
import { describeSettings, readPersonSettings } from '../domain/directory/person-settings.ts';
import { CAPACITY_LABELS, type Service } from '../domain/directory/types.ts';
import { DirectoryAuditStore } from '../storage/directory-audit-store.ts';
import { inTransaction } from '../storage/sqlite.ts';
import type { ActionDeps, ActionRequest, ActionResult } from './actions/handle-action.ts';

const DEFAULT_ZONE = 'Europe/London';
const DEFAULT_HOURS = { start: 9, end: 17 };
export const SETTINGS_HELP =
  'Change them by typing, for example: "settings time zone Europe/London", "settings hours 08:00-16:00" or "settings digest daily" (or off).';
export const NOT_UNDERSTOOD = 'Sorry, I did not understand that.';

function notice(title: string, text: string): ActionResult {
  return { kind: 'card', card: buildNoticeCard('chat', title, text) };
}

function settings(deps: ActionDeps, personId: string, rest: string): ActionResult {
  const m = /^(time ?zone|zone|hours|working hours|digest)\s+(.+)$/i.exec(rest.trim());
  if (rest.trim() && !m) return { kind: 'error', message: `${NOT_UNDERSTOOD} ${SETTINGS_HELP}`, fields: {} };
  if (m) {
    const key = m[1].toLowerCase();
    const typed = key.includes('zone')
      ? { timeZone: m[2] }
      : key.includes('hours')
        ? { workingHours: m[2] }
        : { digest: m[2] };
    const read = readPersonSettings(typed);
    if (!read.ok) return { kind: 'error', message: `${read.reasons.join(' ')} ${SETTINGS_HELP}`, fields: {} };
    const now = deps.clock.now();
    inTransaction(deps.db, () => {
      deps.people.changeSettings(personId, read.settings);
      new DirectoryAuditStore(deps.db).record(
        { actor: personId, action: 'person_settings', subject: personId, details: read.settings },
        now,
      );
    });
  }
  const p = deps.people.get(personId);
  const text = describeSettings({
    timeZone: p?.timeZone ?? DEFAULT_ZONE,
    workingHours: p?.workingHours ?? DEFAULT_HOURS,
    digest: p?.digest ?? false,
  });
  return notice(m ? 'Settings saved' : 'Your settings', `${text} ${SETTINGS_HELP}`);
}

function servicesOf(deps: ActionDeps, personId: string): Service[] {
  return deps.services.all().filter((s) => s.contacts.some((c) => c.personId === personId));
}

function capacity(deps: ActionDeps, personId: string, text: string): ActionResult | null {
  const now = deps.clock.now();
  const zone = deps.people.get(personId)?.timeZone ?? DEFAULT_ZONE;
  const today = localDate(now, zone);
  const words = readCapacityWords(text, today);
  if (!words) return null;
  const mine = servicesOf(deps, personId);
  const hint = words.serviceHint?.toLowerCase();
  const chosen = hint ? mine.filter((s) => s.name.toLowerCase().includes(hint)) : mine;
  if (mine.length === 0)
    return {
      kind: 'error',
      message: 'You are not a named contact of any service in the directory, so there is no capacity to change.',
      fields: {},
    };
  if (chosen.length !== 1) {
    return {
      kind: 'error',
      message: `Which service? Add "for" and its name, for example "${text.replace(/[.!]$/, '')} for ${mine[0].name}". Yours: ${mine.map((s) => s.name).join(', ')}.`,
      fields: {},
    };
  }
  const service = chosen[0];
  inTransaction(deps.db, () => {
    deps.services.upsert({ ...service, capacity: words.capacity, capacityUntil: words.until }, now.toISOString());
    new DirectoryAuditStore(deps.db).record(
      {
        actor: personId,
        action: 'capacity_set',
        subject: service.id,
        details: { capacity: words.capacity, until: words.until },
      },
      now,
    );
  });
  const until = words.until ? ` until ${formatCalendarDate(words.until, zone, now)}, then open again` : '';
  return notice(
    'Capacity updated',
    `${service.name} now shows "${CAPACITY_LABELS[words.capacity]}"${until}. People searching the directory see it at once.`,
  );
}

/** The "say" action: one line typed in a chat. */
export function handleSay(deps: ActionDeps, req: ActionRequest): ActionResult {
  const text = typeof req.inputs?.text === 'string' ? req.inputs.text.trim() : '';
  const s = /^settings?\b(.*)$/i.exec(text);
  if (s) return settings(deps, req.actorId, s[1]);
  return capacity(deps, req.actorId, text) ?? { kind: 'error', message: NOT_UNDERSTOOD, fields: {} };
}

/** The plain text of a "say" answer, for a chat reply. */
export function sayReply(card: { title: string; blocks: Array<{ type: string; text?: string }> }): string {
  return [card.title, ...card.blocks.flatMap((b) => (b.type === 'text' && b.text ? [b.text] : []))].join(': ');
}

/** Whether a line is for "say" rather than a search (Slack's /handover takes both). */
export function isSaying(text: string): boolean {
  return /^settings?\b/i.test(text.trim()) || readCapacityWords(text, '2000-01-01') !== null;
}
