// The one list of platform modules, one per entry of PLATFORMS (src/domain/ports.ts): the type below fails to
// compile when a platform has no module. src/main/start.ts creates every enabled one, in this order.
import type { Platform } from '../domain/ports.ts';
import type { PlatformModule } from './contract.ts';
import { emailModule } from './email/platform-module.ts';
import { slackModule } from './slack/platform-module.ts';
import { teamsModule } from './teams/platform-module.ts';
import { webModule } from './web/platform-module.ts';

const BY_PLATFORM = { web: webModule, slack: slackModule, teams: teamsModule, email: emailModule } satisfies Record<
  Platform,
  PlatformModule
>;

/** Mounts are tried in this order; each module's own platform name must match its key. */
export const PLATFORM_REGISTRY: readonly PlatformModule[] = Object.values(BY_PLATFORM);
