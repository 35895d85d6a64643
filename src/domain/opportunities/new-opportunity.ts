// Validate what a peer-group member typed to post an opportunity. One clear message per field.
import { z } from 'zod';
import { optionalText, requiredText as text } from '../text-fields.ts';
import { describeDeadline, parseDeadline } from './deadline.ts';
import { OpportunityInputError } from './errors.ts';
import { OPPORTUNITY_TYPES, type OpportunityType } from './types.ts';

export const OPPORTUNITY_LIMITS = {
  title: 120,
  provider: 120,
  summary: 1000,
  dates: 200,
  whoFor: 500,
  howToJoin: 500,
  id: 100,
} as const;

/** The furthest ahead a deadline may be. */
export const MAX_DEADLINE_DAYS = 366;
/** How many channels one post may go to. */
export const MAX_CHANNELS_PER_POST = 10;

const DAY_MS = 24 * 60 * 60 * 1000;

export const NewOpportunitySchema = z.object({
  title: text('The title', OPPORTUNITY_LIMITS.title),
  provider: text('Who runs it', OPPORTUNITY_LIMITS.provider),
  type: z.enum(OPPORTUNITY_TYPES, {
    message: 'Choose what kind of opportunity this is: course, job, volunteering, group or event.',
  }),
  summary: optionalText('What it is', OPPORTUNITY_LIMITS.summary),
  dates: optionalText('When it runs', OPPORTUNITY_LIMITS.dates),
  deadline: z.string({ message: 'The deadline is required.' }).trim().min(1, { message: 'The deadline is required.' }),
  whoFor: text('Who it is for', OPPORTUNITY_LIMITS.whoFor),
  howToJoin: text('How to join', OPPORTUNITY_LIMITS.howToJoin),
  contactId: optionalText('The named contact', OPPORTUNITY_LIMITS.id),
  serviceId: optionalText('The service', OPPORTUNITY_LIMITS.id),
});

export type NewOpportunityInput = z.input<typeof NewOpportunitySchema>;

export interface NewOpportunity {
  title: string;
  provider: string;
  type: OpportunityType;
  summary: string | null;
  dates: string | null;
  /** ISO instant (UTC). */
  deadline: string;
  whoFor: string;
  howToJoin: string;
  contactId: string | null;
  serviceId: string | null;
}

function deadlineProblem(value: string | undefined, now: Date, timeZone: string): { at?: Date; problem?: string } {
  if (value === undefined) return {};
  const at = parseDeadline(value, timeZone);
  if (!at) return { problem: 'Give the deadline as a date, for example 2026-12-01.' };
  if (at.getTime() <= now.getTime()) return { problem: 'The deadline must be in the future.' };
  if (at.getTime() > now.getTime() + MAX_DEADLINE_DAYS * DAY_MS) {
    return {
      problem: `Choose a deadline within ${MAX_DEADLINE_DAYS} days (by ${describeDeadline(new Date(now.getTime() + MAX_DEADLINE_DAYS * DAY_MS).toISOString(), timeZone, now)}).`,
    };
  }
  return { at };
}

/** Checks a new opportunity; throws OpportunityInputError with one message per field (all problems at once). */
export function parseNewOpportunity(input: unknown, now: Date, timeZone: string): NewOpportunity {
  const parsed = NewOpportunitySchema.safeParse(input);
  const fields: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'form');
      if (!fields[key]) fields[key] = issue.message;
    }
  }
  const rawDeadline =
    typeof input === 'object' && input !== null ? (input as { deadline?: unknown }).deadline : undefined;
  const deadline = deadlineProblem(
    typeof rawDeadline === 'string' && rawDeadline.trim() ? rawDeadline : undefined,
    now,
    timeZone,
  );
  if (deadline.problem && !fields.deadline) fields.deadline = deadline.problem;
  if (!parsed.success || !deadline.at) {
    throw new OpportunityInputError(`Please check: ${Object.values(fields).join(' ')}`, fields);
  }
  const d = parsed.data;
  return {
    title: d.title,
    provider: d.provider,
    type: d.type,
    summary: d.summary ?? null,
    dates: d.dates ?? null,
    deadline: deadline.at.toISOString(),
    whoFor: d.whoFor,
    howToJoin: d.howToJoin,
    contactId: d.contactId ?? null,
    serviceId: d.serviceId ?? null,
  };
}
