// What a valid directory entry looks like, with contacts given by name and e-mail (the shape files are imported in).
import { z } from 'zod';
import { PLATFORMS } from '../ports.ts';
import { CAPACITIES, CATEGORIES, CATEGORY_IDS, COURSE_TYPES, FORMATS, JOURNEY_STAGES } from './types.ts';
import { DigestSchema, TimeZoneSchema, WorkingHoursSchema } from './person-settings.ts';

export const SERVICE_LIMITS = {
  id: 100,
  name: 200,
  organisation: 200,
  description: 4000,
  keywords: 1000,
  text: 2000,
  listItem: 300,
  minAge: 0,
  maxAge: 120,
  minDays: 1,
  maxDays: 60,
} as const;
export const SERVICE_DEFAULTS = { replyByDays: 2, followUpDays: 5, expiryDays: 10 } as const;

const required = (label: string, max: number) =>
  z
    .string({ message: `${label} is required.` })
    .trim()
    .min(1, { message: `${label} is required.` })
    .max(max, { message: `${label} must be ${max} characters or fewer.` });
const optional = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label} must be ${max} characters or fewer.` })
    .default('');
const list = (label: string) =>
  z
    .array(
      z
        .string()
        .trim()
        .min(1)
        .max(SERVICE_LIMITS.listItem, {
          message: `Each ${label} must be ${SERVICE_LIMITS.listItem} characters or fewer.`,
        }),
    )
    .default([]);
const age = (label: string) =>
  z
    .number({ message: `${label} must be a whole number.` })
    .int({ message: `${label} must be a whole number.` })
    .min(SERVICE_LIMITS.minAge, { message: `${label} must be between 0 and 120.` })
    .max(SERVICE_LIMITS.maxAge, { message: `${label} must be between 0 and 120.` })
    .nullable()
    .default(null);
const days = (label: string, fallback: number) =>
  z
    .number({ message: `${label} must be a whole number of working days.` })
    .int({ message: `${label} must be a whole number of working days.` })
    .min(SERVICE_LIMITS.minDays, { message: `${label} must be between 1 and 60 working days.` })
    .max(SERVICE_LIMITS.maxDays, { message: `${label} must be between 1 and 60 working days.` })
    .default(fallback);

const CATEGORY_HELP = CATEGORIES.map((c) => c.id).join(', ');
const chatId = (a: string, b: string) => z.object({ [a]: z.string().trim().min(1), [b]: z.string().trim().min(1) });

export const ContactRecordSchema = z.object({
  name: required('The contact name', SERVICE_LIMITS.name),
  role: optional('The contact role', SERVICE_LIMITS.name),
  email: z
    .string({ message: 'The contact e-mail is required.' })
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'The contact e-mail is not a valid e-mail address.' })),
  primary: z.boolean().default(false),
  slack: chatId('team', 'user').optional(),
  teams: chatId('tenant', 'user').optional(),
  /** The contact's own settings; absent: leave what the directory holds. */
  timeZone: TimeZoneSchema.optional(),
  workingHours: WorkingHoursSchema.optional(),
  digest: DigestSchema.optional(),
});

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const ServiceRecordSchema = z
  .object({
    id: required('The id', SERVICE_LIMITS.id),
    name: required('The service name', SERVICE_LIMITS.name),
    organisation: required('The organisation', SERVICE_LIMITS.organisation),
    description: optional('The description', SERVICE_LIMITS.description),
    keywords: optional('Keywords', SERVICE_LIMITS.keywords),
    categories: z
      .array(
        z.enum(CATEGORY_IDS, { error: (i) => `"${String(i.input)}" is not a category; use one of ${CATEGORY_HELP}.` }),
      )
      .default([]),
    journeyStage: z
      .enum(JOURNEY_STAGES, {
        error: (i) => `"${String(i.input)}" is not a journey stage; use one of ${JOURNEY_STAGES.join(', ')}.`,
      })
      .default('multiple'),
    courseType: z.enum(COURSE_TYPES, { message: 'The course type must be bespoke or defined.' }).default('bespoke'),
    minAge: age('The minimum age'),
    maxAge: age('The maximum age'),
    areas: list('area'),
    conditions: optional('Conditions', SERVICE_LIMITS.text),
    eligibilityOther: optional('Other eligibility', SERVICE_LIMITS.text),
    referralRoutes: list('referral route'),
    cost: optional('Cost', SERVICE_LIMITS.text),
    formats: z
      .array(
        z.enum(FORMATS, { error: (i) => `"${String(i.input)}" is not a format; use one of ${FORMATS.join(', ')}.` }),
      )
      .default([]),
    locations: list('location'),
    dates: list('date'),
    capacity: z
      .enum(CAPACITIES, {
        error: (i) => `"${String(i.input)}" is not a capacity; use one of ${CAPACITIES.join(', ')}.`,
      })
      .default('open'),
    replyByDays: days('Reply-by days', SERVICE_DEFAULTS.replyByDays),
    followUpDays: days('Follow-up days', SERVICE_DEFAULTS.followUpDays),
    expiryDays: days('Expiry days', SERVICE_DEFAULTS.expiryDays),
    /** Working days after the follow-up date before an unconfirmed introduction closes as unknown; null: the default. */
    outcomeWaitDays: days('Outcome wait days', 1).nullable().default(null),
    channel: z
      .object({ platform: z.enum(PLATFORMS), tenant: z.string(), channelId: z.string().min(1) })
      .nullable()
      .default(null),
    website: optional('The website', SERVICE_LIMITS.listItem),
    phone: optional('The phone number', SERVICE_LIMITS.listItem),
    email: z
      .union([z.literal(''), z.email({ message: 'The service e-mail is not a valid e-mail address.' })])
      .default(''),
    howToRefer: optional('How to refer', SERVICE_LIMITS.text),
    lastReviewed: z
      .string()
      .regex(DATE, { message: 'The last reviewed date must be written YYYY-MM-DD.' })
      .nullable()
      .default(null),
    staleSince: z.string().nullable().optional(),
    contacts: z.array(ContactRecordSchema).min(1, { message: 'A service needs at least one named contact.' }),
  })
  .refine((s) => s.minAge === null || s.maxAge === null || s.minAge <= s.maxAge, {
    message: 'The minimum age is above the maximum age.',
    path: ['maxAge'],
  })
  .refine((s) => s.contacts.some((c) => c.primary), {
    message: 'A service needs a primary named contact.',
    path: ['contacts'],
  })
  .refine((s) => new Set(s.contacts.map((c) => c.email)).size === s.contacts.length, {
    message: 'The same contact e-mail appears twice.',
    path: ['contacts'],
  });

export type ServiceRecordInput = z.input<typeof ServiceRecordSchema>;
export type ServiceRecord = z.output<typeof ServiceRecordSchema>;
export type ContactRecord = z.output<typeof ContactRecordSchema>;

export type ValidationResult = { ok: true; record: ServiceRecord } | { ok: false; reasons: string[] };

/** Validates one entry; reasons are sentences a coordinator can act on. */
export function validateServiceRecord(input: unknown): ValidationResult {
  const parsed = ServiceRecordSchema.safeParse(input);
  if (parsed.success) return { ok: true, record: parsed.data };
  return { ok: false, reasons: [...new Set(parsed.error.issues.map((i) => i.message))] };
}
