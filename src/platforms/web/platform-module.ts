// The browser playground as a PlatformModule: on unless NODE_ENV=production (PLAYGROUND=on|off overrides).
import { DEFAULT_LIMITS } from '../../scheduler/rate-limits.ts';
import type { PlatformModule } from '../contract.ts';
import { createWebPlayground } from './playground.ts';
import type { CoordinatorLink } from './routes.ts';

/** The coordinator's pages this server has: the reports, and the coordinator pages when they are mounted. */
function coordinatorLinks(hasMount: (path: string) => boolean): CoordinatorLink[] {
  return [
    ...(hasMount('/reports') ? [{ href: '/reports', text: 'Reports' }] : []),
    ...(hasMount('/coordinate') ? [{ href: '/coordinate', text: 'Coordinator pages' }] : []),
  ];
}

export const webModule: PlatformModule = {
  platform: 'web',
  enabled: (config) => config.playground,
  create(context) {
    const { calendar, config, sweepNow, hasMount, shiftableClock } = context;
    const playground = createWebPlayground(context, {
      coordinatorLinks: () => coordinatorLinks(hasMount),
      timeTravel: shiftableClock && { clock: shiftableClock, calendar, timeZone: config.timeZone, afterMove: sweepNow },
    });
    return {
      mounts: playground.mounts,
      messenger: playground.messenger,
      limits: DEFAULT_LIMITS.web,
      start: async () => {},
      stop: async () => {
        playground.close();
      },
    };
  },
};
