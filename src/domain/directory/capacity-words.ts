// What a named contact types to change their capacity: "We're full until 12 Jan", "we're open", "capacity limited
// until 2027-02-01 for Walk and Talk". Pure: today's date is passed in.
import type { Capacity } from './types.ts';

export interface CapacityWords {
  capacity: Capacity;
  /** YYYY-MM-DD, the last day it lasts; null: until changed. */
  until: string | null;
  /** Part of a service name, when the person looks after several. */
  serviceHint: string | null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WORDS: Record<string, Capacity> = {
  full: 'closed',
  closed: 'closed',
  'not taking new people': 'closed',
  open: 'open',
  limited: 'limited',
  'limited places': 'limited',
  'waiting list': 'waiting_list',
  'on a waiting list': 'waiting_list',
};
const SAYING =
  /^(?:we(?:'|’)?re|we are|capacity:?|capacity is)\s+(full|closed|open|limited places|limited|on a waiting list|waiting list|not taking new people)(?:\s+until\s+(.+?))?(?:\s+for\s+(.+?))?[.!]?$/i;

const pad = (n: number) => String(n).padStart(2, '0');

/** "12 Jan", "12 January 2027", "2027-01-12" → YYYY-MM-DD on or after `today` (YYYY-MM-DD); null when unreadable. */
export function readDay(text: string, today: string): string | null {
  const t = text.trim().toLowerCase();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (iso) return iso[0];
  const m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3})[a-z]*\.?(?:\s+(\d{4}))?$/.exec(t);
  if (!m) return null;
  const month = MONTHS.indexOf(m[2]);
  const day = Number(m[1]);
  if (month < 0 || day < 1 || day > 31) return null;
  const thisYear = Number(today.slice(0, 4));
  const make = (y: number) => `${y}-${pad(month + 1)}-${pad(day)}`;
  if (m[3]) return make(Number(m[3]));
  return make(thisYear) >= today ? make(thisYear) : make(thisYear + 1);
}

/** The capacity a sentence sets, or null when it is not about capacity (or its date cannot be read). */
export function readCapacityWords(text: string, today: string): CapacityWords | null {
  const m = SAYING.exec(text.trim().replace(/\s+/g, ' '));
  if (!m) return null;
  const capacity = WORDS[m[1].toLowerCase()];
  const until = m[2] ? readDay(m[2], today) : null;
  if (m[2] && !until) return null;
  return { capacity, until, serviceHint: m[3]?.trim() || null };
}
