// Only one instance dispatches: a row in SQLite names the owner and when its claim runs out. The owner
// renews it while working; if it dies, another instance takes over once the lease has expired.
import type { Db } from '../storage/sqlite.ts';

export const DISPATCH_LEASE = 'dispatcher';
export const LEASE_TTL_MS = 30_000;

export class Lease {
  private readonly claim;
  private readonly free;
  private held = false;

  constructor(
    db: Db,
    private readonly name: string,
    readonly owner: string,
    private readonly ttlMs: number = LEASE_TTL_MS,
  ) {
    this.claim = db.prepare(`INSERT INTO leases (name, owner, expires_at) VALUES (@name, @owner, @expires)
      ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
      WHERE leases.owner = excluded.owner OR leases.expires_at <= @now`);
    this.free = db.prepare('DELETE FROM leases WHERE name = ? AND owner = ?');
  }

  /**
   * Takes or renews the lease. Returns 'new' the first time this object gets it (the caller should pick up
   * work a dead owner left half-done), 'renewed' after that, or null when another owner holds it.
   */
  acquire(now: Date): 'new' | 'renewed' | null {
    const expires = new Date(now.getTime() + this.ttlMs).toISOString();
    const got = this.claim.run({ name: this.name, owner: this.owner, expires, now: now.toISOString() }).changes === 1;
    if (!got) {
      this.held = false;
      return null;
    }
    const fresh = !this.held;
    this.held = true;
    return fresh ? 'new' : 'renewed';
  }

  release(): void {
    if (this.held) this.free.run(this.name, this.owner);
    this.held = false;
  }
}
