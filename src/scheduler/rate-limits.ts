// How fast each platform lets us post, as named constants, and token buckets that never exceed them.
// A bucket refills one token every 1000/perSecond ms and holds at most `burst` tokens; with burst 1 no
// 1-second window ever holds more than `perSecond` messages. Time and sleeping are injected for tests.
import type { Platform } from '../domain/ports.ts';

export interface Rate {
  perSecond: number;
  burst: number;
}

/** Slack: chat.postMessage about 1 message per second per channel (DMs are channels too). */
export const SLACK_PER_CONVERSATION: Rate = { perSecond: 1, burst: 1 };
/** Teams: 7 messages per second per conversation. */
export const TEAMS_PER_CONVERSATION: Rate = { perSecond: 7, burst: 1 };
/** Teams: about 30 messages per second per tenant for one bot. */
export const TEAMS_PER_TENANT: Rate = { perSecond: 30, burst: 1 };
/** E-mail: be polite to the relay. */
export const EMAIL_PER_TENANT: Rate = { perSecond: 10, burst: 1 };

export interface PlatformLimits {
  perConversation?: Rate;
  perTenant?: Rate;
}

/** The web playground is in-process: no limit. */
export const DEFAULT_LIMITS: Readonly<Record<Platform, PlatformLimits>> = {
  slack: { perConversation: SLACK_PER_CONVERSATION },
  teams: { perConversation: TEAMS_PER_CONVERSATION, perTenant: TEAMS_PER_TENANT },
  web: {},
  email: { perTenant: EMAIL_PER_TENANT },
};

class Bucket {
  private tokens: number;
  private at: number;
  constructor(
    private readonly rate: Rate,
    now: number,
  ) {
    this.tokens = rate.burst;
    this.at = now;
  }
  private refill(now: number): void {
    if (now <= this.at) return;
    this.tokens = Math.min(this.rate.burst, this.tokens + ((now - this.at) * this.rate.perSecond) / 1000);
    this.at = now;
  }
  /** ms until a token is free (0 now). */
  waitFor(now: number): number {
    if (now < this.at) return this.at - now;
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / this.rate.perSecond);
  }
  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }
  /** The platform told us to wait: no tokens until then. */
  pause(now: number, ms: number): void {
    this.refill(now);
    this.tokens = Math.min(this.tokens, 0);
    this.at = Math.max(this.at, now + ms);
  }
}

export interface LimitKey {
  platform: Platform;
  tenant: string;
  conversation: string;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly limits: Readonly<Record<Platform, PlatformLimits>> = DEFAULT_LIMITS,
  ) {}

  private bucketsFor(k: LimitKey): Bucket[] {
    const l = this.limits[k.platform] ?? {};
    const out: Bucket[] = [];
    const get = (key: string, rate: Rate) => {
      let b = this.buckets.get(key);
      if (!b) {
        b = new Bucket(rate, this.now());
        this.buckets.set(key, b);
      }
      out.push(b);
    };
    if (l.perConversation) get(`${k.platform}:${k.tenant}:c:${k.conversation}`, l.perConversation);
    if (l.perTenant) get(`${k.platform}:${k.tenant}:t`, l.perTenant);
    return out;
  }

  /** Waits until every bucket for this key has a token, then takes one from each. */
  async acquire(k: LimitKey): Promise<void> {
    const buckets = this.bucketsFor(k);
    for (;;) {
      const now = this.now();
      const wait = Math.max(0, ...buckets.map((b) => b.waitFor(now)));
      if (wait === 0) {
        for (const b of buckets) b.take(now);
        return;
      }
      await this.sleep(wait);
    }
  }

  /** A 429 with Retry-After: hold this conversation (and tenant) back for `ms`. */
  pause(k: LimitKey, ms: number): void {
    const now = this.now();
    for (const b of this.bucketsFor(k)) b.pause(now, ms);
  }
}
