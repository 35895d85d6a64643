// Introduce: validate what the introducer typed and create a new handover in `sent`.
import { z } from 'zod';
import { optionalText, requiredText as text } from '../text-fields.ts';
import type { WorkingCalendar } from '../calendar/types.ts';
import { ConsentRequiredError, InvalidInputError } from './errors.ts';
import type { HandoverEvent } from './events.ts';
import { CONSENT_METHODS, URGENCIES, type Handover } from './types.ts';

export const LIMITS = {
  clientName: 40,
  needs: 2000,
  reasonForService: 1000,
  contactMethod: 200,
  contactTimes: 200,
  language: 60,
  disability: 500,
  contactDetails: 300,
  note: 500,
  sourceLink: 500,
} as const;

export const IntroduceInputSchema = z.object({
  serviceId: text('The service', 100),
  contactId: optionalText('The named contact', 100),
  clientName: text('First name or initials', LIMITS.clientName).refine((s) => s.split(/\s+/).length <= 3, {
    message: 'Use the first name or initials only.',
  }),
  needs: text('What they want help with', LIMITS.needs),
  reasonForService: text('Why this service', LIMITS.reasonForService),
  contactMethod: text('How they prefer to be contacted', LIMITS.contactMethod),
  contactTimes: optionalText('Best times', LIMITS.contactTimes),
  language: optionalText('Language', LIMITS.language),
  interpreter: z.boolean().default(false),
  disability: optionalText('Access needs', LIMITS.disability),
  urgency: z.enum(URGENCIES, { message: 'Choose how urgent this is: routine, soon or urgent.' }).default('routine'),
  contactDetails: optionalText('Contact details', LIMITS.contactDetails),
  consent: z.literal(true, { message: 'consent' }).optional(),
  consentHow: z
    .enum(CONSENT_METHODS, { message: 'Say how the client agreed: in person, by phone or in writing.' })
    .default('in_person'),
  opportunityId: optionalText('Opportunity', 100),
  sourceLink: z
    .string()
    .trim()
    .max(LIMITS.sourceLink, { message: 'The link to the message is too long.' })
    .regex(/^https:\/\/[^\s]+$/, { message: 'The link to the message must start with https://.' })
    .optional(),
});

export type IntroduceInput = z.input<typeof IntroduceInputSchema>;

export interface IntroduceContext {
  id: string;
  introducerId: string;
  now: Date;
  calendar: WorkingCalendar;
  service: {
    id: string;
    replyByDays: number;
    expiryDays: number;
    primaryContactId: string | null;
    contactIds: string[];
  };
  /** The earlier introduction of this client that this one follows, checked by the caller. */
  followsId?: string;
}

/** Turns zod issues into one sentence and a field → message map that forms can show next to each input. */
export function toInputError(error: z.ZodError): InvalidInputError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    if (!fields[key]) fields[key] = issue.message;
  }
  return new InvalidInputError(`Please check: ${Object.values(fields).join(' ')}`, fields);
}

export function parseIntroduceInput(input: unknown) {
  const consentGiven = typeof input === 'object' && input !== null && (input as { consent?: unknown }).consent === true;
  if (!consentGiven) throw new ConsentRequiredError();
  const parsed = IntroduceInputSchema.safeParse(input);
  if (!parsed.success) throw toInputError(parsed.error);
  return parsed.data;
}

export function introduce(raw: unknown, ctx: IntroduceContext): { handover: Handover; events: HandoverEvent[] } {
  const input = parseIntroduceInput(raw);
  const contactId = input.contactId ?? ctx.service.primaryContactId;
  if (!contactId) {
    throw new InvalidInputError('This service has no named contact yet, so it cannot receive introductions here.', {
      contactId: 'No named contact for this service.',
    });
  }
  if (!ctx.service.contactIds.includes(contactId)) {
    throw new InvalidInputError('That person is not a named contact for this service.', {
      contactId: 'Choose a named contact of this service.',
    });
  }
  const at = ctx.now.toISOString();
  const handover: Handover = {
    id: ctx.id,
    version: 1,
    state: 'sent',
    serviceId: ctx.service.id,
    introducerId: ctx.introducerId,
    contactId,
    escalatedTo: [],
    client: {
      name: input.clientName,
      needs: input.needs,
      reasonForService: input.reasonForService,
      contactMethod: input.contactMethod,
      contactTimes: input.contactTimes,
      accessNeeds: { language: input.language, interpreter: input.interpreter, disability: input.disability },
      contactDetails: input.contactDetails,
    },
    consent: { confirmedBy: ctx.introducerId, at, how: input.consentHow },
    urgency: input.urgency,
    replyBy: ctx.calendar.addWorkingDays(ctx.now, ctx.service.replyByDays).toISOString(),
    expiresAt: ctx.calendar.addWorkingDays(ctx.now, ctx.service.expiryDays).toISOString(),
    followUpAt: null,
    snoozedUntil: null,
    outcome: null,
    declineReason: null,
    createdAt: at,
    updatedAt: at,
    acceptedAt: null,
    answeredAt: null,
    contactMadeAt: null,
    closedAt: null,
    purgedAt: null,
    opportunityId: input.opportunityId ?? null,
    followsId: ctx.followsId ?? null,
    sourceLink: input.sourceLink ?? null,
  };
  const event: HandoverEvent = {
    type: 'introduced',
    handoverId: handover.id,
    actorId: ctx.introducerId,
    at,
    from: null,
    to: 'sent',
    details: {
      serviceId: handover.serviceId,
      contactId,
      urgency: handover.urgency,
      consentHow: input.consentHow,
      ...(ctx.followsId ? { followsId: ctx.followsId } : {}),
    },
  };
  return { handover, events: [event] };
}
