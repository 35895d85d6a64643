// The outer shape of a Bot Framework activity, checked before botbuilder sees it. botbuilder and the bot read
// `from.id`, `conversation.id`, `recipient.id` and `serviceUrl` without looking, and an invoke's `value` as an
// object: an activity without them failed inside the turn (200 with nothing done, or botbuilder's 501 for an
// invoke). Teams always sends these fields, so anything else is a 400 here. Other fields pass through untouched.
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { HttpError } from '../../http/body.ts';

const MAX_ID = 1024;
/**
 * The invokes the bot answers (teams-bot.ts), and botbuilder's own health check. botbuilder answers any other
 * invoke 501; Teams shows a failure either way, so here it is a 400 that names the invoke. A new invoke handler
 * in teams-bot.ts must be added here too.
 */
export const HANDLED_INVOKES = [
  'adaptiveCard/action',
  'task/fetch',
  'task/submit',
  'composeExtension/fetchTask',
  'composeExtension/submitAction',
  'healthCheck',
];
const id = z.string().min(1).max(MAX_ID);
const account = z.looseObject({ id, aadObjectId: z.string().max(MAX_ID).optional(), name: z.string().optional() });
const record = z.looseObject({});

const ActivityShape = z
  .looseObject({
    type: z.string().min(1).max(100),
    id: z.string().max(MAX_ID).optional(),
    name: z.string().max(200).optional(),
    channelId: z.string().min(1).max(100),
    serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
    from: account,
    recipient: account,
    conversation: z.looseObject({
      id,
      conversationType: z.string().optional(),
      tenantId: z.string().max(MAX_ID).optional(),
      isGroup: z.boolean().optional(),
    }),
    text: z.string().optional(),
    replyToId: z.string().optional(),
    channelData: record.optional(),
    entities: z.array(record).optional(),
    membersAdded: z.array(account).optional(),
    membersRemoved: z.array(account).optional(),
    value: z.unknown().optional(),
  })
  .superRefine((a, ctx) => {
    if (a.type !== 'invoke') return;
    if (!a.name || !HANDLED_INVOKES.includes(a.name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: `This bot does not answer the invoke "${(a.name ?? '').slice(0, 100)}".`,
      });
    }
    if (a.value !== undefined && (a.value === null || typeof a.value !== 'object' || Array.isArray(a.value))) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: "An invoke's value is an object." });
    }
    const action = (a.value as { action?: unknown } | undefined)?.action;
    if (a.name === 'adaptiveCard/action' && (action === null || typeof action !== 'object' || Array.isArray(action))) {
      ctx.addIssue({ code: 'custom', path: ['value', 'action'], message: 'A card button press says which action.' });
    }
  });

/** The activity when it has the shape Teams sends; otherwise a 400 naming the first field that is wrong. */
export function checkActivity(body: unknown): Activity {
  const checked = ActivityShape.safeParse(body);
  if (checked.success) return checked.data as unknown as Activity;
  const first = checked.error.issues[0];
  const where = first.path.length ? `${first.path.join('.')}: ` : '';
  throw new HttpError(400, `This is not a Bot Framework activity (${where}${first.message})`, 'BAD_ACTIVITY');
}
