// Checks the channels an opportunity is posted to: at least one, not too many, each a real address.
import { OpportunityInputError } from '../domain/opportunities/errors.ts';
import { PLATFORMS, type ChannelAddress } from '../domain/ports.ts';

const MAX_CHANNEL_ID = 200;

/** Returns the channels without repeats; throws OpportunityInputError (field "channels") otherwise. */
export function checkChannels(channels: ChannelAddress[], max: number): ChannelAddress[] {
  const seen = new Map<string, ChannelAddress>();
  for (const c of channels) {
    const valid =
      c &&
      PLATFORMS.includes(c.platform) &&
      typeof c.tenant === 'string' &&
      typeof c.channelId === 'string' &&
      c.channelId.trim() !== '' &&
      c.channelId.length <= MAX_CHANNEL_ID;
    if (!valid)
      throw new OpportunityInputError('One of the chosen channels is not one we can post to.', {
        channels: 'Choose the channels again.',
      });
    seen.set(`${c.platform}\u0000${c.tenant}\u0000${c.channelId}`, {
      platform: c.platform,
      tenant: c.tenant,
      channelId: c.channelId,
    });
  }
  if (seen.size === 0)
    throw new OpportunityInputError('Choose at least one channel to post this opportunity to.', {
      channels: 'Choose at least one channel.',
    });
  if (seen.size > max)
    throw new OpportunityInputError(`Post to ${max} channels or fewer at a time.`, {
      channels: `Choose ${max} channels or fewer.`,
    });
  return [...seen.values()];
}
