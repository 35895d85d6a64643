// E-mail as a PlatformModule: on when SMTP_URL or NOTIFY_API_KEY is set (docs/email.md).
import { DEFAULT_LIMITS } from '../../scheduler/rate-limits.ts';
import type { PlatformModule } from '../contract.ts';
import { createEmailPlatform } from './index.ts';

export const emailModule: PlatformModule = {
  platform: 'email',
  enabled: (config) => Boolean(config.email),
  create(context) {
    const email = createEmailPlatform(context);
    if (!email) throw new Error('E-mail was switched on without a mail sender: check SMTP_URL or NOTIFY_API_KEY.');
    return {
      mounts: email.mounts,
      messenger: email.messenger,
      limits: DEFAULT_LIMITS.email,
      start: async () => {},
      stop: async () => {
        email.sender.close?.();
      },
    };
  },
};
