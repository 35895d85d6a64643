// The Slack platform's public surface.
export { createSlackPlatform, SLACK_EVENTS_PATH, type SlackPlatform, type SlackPlatformOptions } from './platform.ts';
export { SlackMessenger, type SentKeys } from './slack-messenger.ts';
export { findSlackIdentity, resolvePerson } from './identity.ts';
export { BLOCK_KIT_LIMITS, cardToMessage, cardToModal, escapeMrkdwn } from './blocks.ts';
export type { ActionOutcome, ActionRequest, RunAction } from './action-runner.ts';
