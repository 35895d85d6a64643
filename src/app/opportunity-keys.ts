// How opportunity messages are keyed in the outbox: the live card per channel, and the weekly digest's subject.
import { PLATFORMS, type ChannelAddress, type Platform } from '../domain/ports.ts';
import type { OutboxRequest } from './ports.ts';

const ISO_WEEK = /^\d{4}-W\d{2}$/;

/** The one card an opportunity has in a channel: posted once, updated in place (e.g. to "Closed"). */
export const opportunityLiveKey = (opportunityId: string, channel: ChannelAddress): string =>
  `${opportunityId}:${channel.platform}:${channel.channelId}`;

/** posted: the first post; closed: the update to "Closed". Each happens once per channel. */
export function opportunityRequest(
  opportunityId: string,
  channel: ChannelAddress,
  step: 'posted' | 'closed',
): OutboxRequest {
  return {
    idempotencyKey: `opportunity:${opportunityId}:${step}:${channel.platform}:${channel.tenant}:${channel.channelId}`,
    recipient: { channel: { platform: channel.platform, tenant: channel.tenant, channelId: channel.channelId } },
    card: { kind: 'opportunity', subjectId: opportunityId },
    mode: 'live',
    liveKey: opportunityLiveKey(opportunityId, channel),
  };
}

/** A channel digest's subject: `channel:${platform}:${channelId}:${isoWeek}` (personal digests never start with "channel:"). */
export const digestKeyOf = (channel: ChannelAddress, isoWeek: string): string =>
  `channel:${channel.platform}:${channel.channelId}:${isoWeek}`;

export const isChannelDigestKey = (subjectId: string): boolean => subjectId.startsWith('channel:');

/**
 * Reads a channel digest's subject back. The channel id may itself hold colons (Teams: "19:abc@thread.tacv2").
 * The tenant comes from the request's params, or else from where opportunities were posted.
 */
export function parseDigestKey(
  subjectId: string,
  params: Record<string, string> | undefined,
  tenantOf: (platform: Platform, channelId: string) => string | undefined,
): { channel: ChannelAddress; week: string } | null {
  if (!isChannelDigestKey(subjectId)) return null;
  const parts = subjectId.split(':');
  const platform = parts[1] as Platform;
  const week = parts[parts.length - 1];
  const channelId = parts.slice(2, -1).join(':');
  if (!PLATFORMS.includes(platform) || !ISO_WEEK.test(week) || !channelId) return null;
  const tenant = params?.tenant ?? tenantOf(platform, channelId);
  if (tenant === undefined) return null;
  return { channel: { platform, tenant, channelId }, week };
}
