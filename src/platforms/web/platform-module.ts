// The browser playground as a PlatformModule: on unless NODE_ENV=production (PLAYGROUND=on|off overrides).
import { DEFAULT_LIMITS } from '../../scheduler/rate-limits.ts';
import type { PlatformModule } from '../contract.ts';
import { createWebPlayground } from './playground.ts';

export const webModule: PlatformModule = {
  platform: 'web',
  enabled: (config) => config.playground,
  create({ app }) {
    const { db, clock, handovers, people, services, config, cards, actionDeps } = app;
    const playground = createWebPlayground({
      db, clock, handovers, people, services, app: actionDeps.app, timeZone: config.timeZone, staleAfterMonths: config.staleAfterMonths, cards, actionDeps,
    });
    return { mounts: playground.mounts, messenger: playground.messenger, limits: DEFAULT_LIMITS.web, start: async () => {}, stop: async () => { playground.close(); } };
  },
};
