// Entry point: read configuration, start everything, stop cleanly on SIGINT/SIGTERM.
import { ConfigError, readConfig } from './config.ts';
import { startApp } from './main/start.ts';
import { createLogger } from './log.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = readConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  let running;
  try {
    running = await startApp(config, log);
  } catch (err) {
    log.fatal({ err: { message: (err as Error).message, code: (err as { code?: string }).code } }, 'could not start');
    process.exit(1);
  }
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'stopping');
    await running.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

await main();
