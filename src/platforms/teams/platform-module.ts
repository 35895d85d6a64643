// Microsoft Teams as a PlatformModule: on when MICROSOFT_APP_ID is set, or TEAMS=on outside production (docs/teams.md).
import { DEFAULT_LIMITS } from '../../scheduler/rate-limits.ts';
import type { PlatformModule } from '../contract.ts';
import { createTeamsPlatform } from './teams-platform.ts';

export const teamsModule: PlatformModule = {
  platform: 'teams',
  enabled: (config) => Boolean(config.teams),
  create(context) {
    const teams = createTeamsPlatform(context);
    return {
      mounts: teams.mounts,
      messenger: teams.messenger,
      limits: DEFAULT_LIMITS.teams,
      start: async () => {},
      stop: async () => {},
    };
  },
};
