// What the pure core knows of the outside world: a clock, the platforms and people's addresses on them.
// The Messenger port that platforms implement is in src/app/ports.ts.

export interface Clock {
  now(): Date;
}

/**
 * Every platform a person can be reached on: the Platform type, the directory's zod enum and the database's CHECK
 * constraints are all derived from this list, and src/platforms/registry.ts has one entry for each.
 */
export const PLATFORMS = ['slack', 'teams', 'web', 'email'] as const;

export type Platform = (typeof PLATFORMS)[number];

/** A person's address on one platform. tenant: Slack team id, Teams tenant id, '' for web and e-mail. */
export interface Identity {
  platform: Platform;
  tenant: string;
  userId: string;
  /** Platform extras, e.g. a stored Teams conversation reference. */
  details?: Record<string, unknown>;
}

/** A channel or group conversation (opportunities, escalations without client details). */
export interface ChannelAddress {
  platform: Platform;
  tenant: string;
  channelId: string;
}

/** Where a sent card lives, so it can be updated in place later. */
export interface MessageRef {
  platform: Platform;
  conversationId: string;
  messageId: string;
}
