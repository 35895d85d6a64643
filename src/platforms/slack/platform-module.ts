// Slack as a PlatformModule: on when SLACK_SIGNING_SECRET and a token (or OAuth settings) are set (docs/slack.md).
import { DEFAULT_LIMITS } from '../../scheduler/rate-limits.ts';
import type { PlatformModule } from '../contract.ts';
import { createSlackPlatform } from './platform.ts';

export const slackModule: PlatformModule = {
  platform: 'slack',
  enabled: (config) => Boolean(config.slack),
  create(context) {
    const slack = createSlackPlatform(context, { onQueued: context.wake });
    return {
      mounts: slack.mounts,
      messenger: slack.messenger,
      limits: DEFAULT_LIMITS.slack,
      start: () => slack.start(),
      stop: () => slack.stop(),
    };
  },
};
