// The one contract every platform meets. Each platform folder exports a PlatformModule from platform-module.ts;
// src/platforms/registry.ts lists them and src/main/start.ts loops over that list. How to add one:
// docs/adding-a-platform.md.
import type { PlatformContext } from '../app/platform-context.ts';
import type { Messenger } from '../app/ports.ts';
import type { ShiftableClock } from '../app/shiftable-clock.ts';
import type { Config } from '../config.ts';
import type { Platform } from '../domain/ports.ts';
import type { Mount } from '../http/server.ts';
import type { PlatformLimits } from '../scheduler/rate-limits.ts';

/** What the application offers a platform (PlatformContext), and the hooks into the running server. */
export interface PlatformCreateContext extends PlatformContext {
  /** Wakes the dispatcher when the platform queued messages outside a handover change. */
  wake(): void;
  /** Runs the reminder sweep now and wakes the dispatcher (after the playground moved time forward). */
  sweepNow(): void;
  /** Whether the one HTTP server has a mount at this path (pages a platform may link to, e.g. /coordinate). */
  hasMount(path: string): boolean;
  /** The clock everything reads, when it may be moved forward (outside production, with the playground on). */
  shiftableClock?: ShiftableClock;
}

export interface RunningPlatform {
  /** Its routes on the one HTTP server. */
  mounts: Mount[];
  /** How the dispatcher reaches people and channels on it. */
  messenger: Messenger;
  /** How fast it lets us post; the dispatcher never goes faster. */
  limits: PlatformLimits;
  /** Before the HTTP server starts listening (e.g. Slack's Socket Mode connects out). */
  start(): Promise<void>;
  /** Before the HTTP server closes. */
  stop(): Promise<void>;
}

export interface PlatformModule {
  platform: Platform;
  /** Whether the configuration switches it on; config.ts says in its log line which variables would. */
  enabled(config: Config): boolean;
  create(context: PlatformCreateContext): RunningPlatform;
}
