// Mocha root hooks (.mocharc.json "require"): what the whole run shares is cleaned up once, after every suite.
import { closeSharedChromium } from './chromium.ts';

export const mochaHooks = {
  async afterAll(): Promise<void> {
    await closeSharedChromium();
  },
};
