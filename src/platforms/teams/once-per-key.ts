// Remembers keys seen, forgetting the oldest beyond a bound: "only the first time" for welcomes.

/** Conversations remembered as already welcomed (a restart may welcome one again, which is harmless). */
export const MAX_WELCOMED_CONVERSATIONS = 10_000;

export class OncePerKey {
  private readonly seen = new Set<string>();
  constructor(private readonly max: number) {}

  /** True the first time a key is offered. */
  first(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    if (this.seen.size > this.max) this.seen.delete(this.seen.values().next().value as string);
    return true;
  }
}
