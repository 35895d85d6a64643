// Secure links, one-time codes, sessions and sent mails in SQLite (migration 005). Secrets are kept hashed.
import { newId } from '../../app/ids.ts';
import { inTransaction, type Db } from '../../storage/sqlite.ts';
import { codeHash, randomCode, randomToken, sameSecret, sha256 } from './secrets.ts';

/** Wrong codes over a link's whole life before it is locked for good. */
export const MAX_CODE_ATTEMPTS = 100;
/** Wrong tries against one code before that code stops working (a new one can be sent). */
export const MAX_ATTEMPTS_PER_CODE = 10;
/** Codes one link may send; more is someone pressing the button to flood a mailbox. */
export const MAX_CODES_PER_LINK = 20;
export const CODE_TTL_MS = 15 * 60 * 1000;
export const LINK_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** A signed-in page stays open while it is used; after this long without use it asks for a code again. */
export const SESSION_TTL_MS = 30 * 60 * 1000;
/** New links one person may ask for, for one introduction or entry, per day. */
export const MAX_NEW_LINKS_PER_DAY = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

export const HANDOVER_PURPOSE = 'handover';
/** A link to answer a directory review ("Is this still right?") for one service. */
export const REVIEW_PURPOSE = 'review';

export interface EmailLink {
  id: string;
  purpose: string;
  handoverId: string | null;
  serviceId: string | null;
  personId: string;
  address: string;
  createdAt: string;
  expiresAt: string;
  openedAt: string | null;
  usedAt: string | null;
  failedCodes: number;
  codesSent: number;
  locked: boolean;
}

export type CodeCheck =
  | { result: 'ok' }
  | { result: 'wrong'; triesLeft: number }
  | { result: 'no_code' }
  | { result: 'locked' };

export interface SentMail {
  id: string;
  personId: string;
  address: string;
  linkId: string | null;
}

interface LinkRow {
  id: string;
  purpose: string;
  handover_id: string | null;
  service_id: string | null;
  person_id: string;
  address: string;
  created_at: string;
  expires_at: string;
  opened_at: string | null;
  used_at: string | null;
  failed_codes: number;
  codes_sent: number;
  locked: number;
}

interface CodeRow {
  id: number;
  code_hash: string;
  expires_at: string;
  attempts: number;
}

function toLink(r: LinkRow): EmailLink {
  return {
    id: r.id,
    purpose: r.purpose,
    handoverId: r.handover_id,
    serviceId: r.service_id ?? null,
    personId: r.person_id,
    address: r.address,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    openedAt: r.opened_at,
    usedAt: r.used_at,
    failedCodes: r.failed_codes,
    codesSent: r.codes_sent,
    locked: r.locked === 1,
  };
}

const iso = (at: Date, plusMs = 0) => new Date(at.getTime() + plusMs).toISOString();

export class EmailLinkStore {
  constructor(private readonly db: Db) {}

  /** Creates a link and returns its token: the only time the token exists outside the mail. */
  createLink(input: {
    purpose: string;
    handoverId: string | null;
    serviceId?: string | null;
    personId: string;
    address: string;
    now: Date;
    ttlMs?: number;
  }): { link: EmailLink; token: string } {
    const token = randomToken();
    const id = newId('L');
    this.db
      .prepare(
        `INSERT INTO email_links (id, token_hash, purpose, handover_id, service_id, person_id, address, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        sha256(token),
        input.purpose,
        input.handoverId,
        input.serviceId ?? null,
        input.personId,
        input.address,
        iso(input.now),
        iso(input.now, input.ttlMs ?? LINK_TTL_MS),
      );
    return { link: this.get(id)!, token };
  }

  /** A fresh link like `old` (same person, address and subject), or null when they asked for too many today. */
  renewLink(old: EmailLink, now: Date, ttlMs = LINK_TTL_MS): { link: EmailLink; token: string } | null {
    const made = this.db
      .prepare(
        `SELECT count(*) AS n FROM email_links WHERE person_id = ? AND purpose = ? AND coalesce(handover_id, '') = ? AND coalesce(service_id, '') = ?
         AND created_at > ?`,
      )
      .get(old.personId, old.purpose, old.handoverId ?? '', old.serviceId ?? '', iso(now, -DAY_MS)) as { n: number };
    if (made.n > MAX_NEW_LINKS_PER_DAY) return null;
    return this.createLink({ ...old, now, ttlMs });
  }

  get(id: string): EmailLink | undefined {
    const row = this.db.prepare('SELECT * FROM email_links WHERE id = ?').get(id) as LinkRow | undefined;
    return row ? toLink(row) : undefined;
  }

  findByToken(token: string): EmailLink | undefined {
    const row = this.db.prepare('SELECT * FROM email_links WHERE token_hash = ?').get(sha256(token)) as
      | LinkRow
      | undefined;
    return row ? toLink(row) : undefined;
  }

  markOpened(id: string, at: Date): void {
    this.db
      .prepare('UPDATE email_links SET opened_at = ? WHERE id = ? AND opened_at IS NULL')
      .run(at.toISOString(), id);
  }

  /** A fresh code for the link; earlier codes stop working. null when the link has sent too many. */
  issueCode(linkId: string, now: Date, ttlMs = CODE_TTL_MS): string | null {
    return inTransaction(this.db, () => {
      const link = this.get(linkId);
      if (!link || link.locked || link.codesSent >= MAX_CODES_PER_LINK) return null;
      const code = randomCode();
      this.db
        .prepare('UPDATE email_codes SET spent_at = ? WHERE link_id = ? AND spent_at IS NULL')
        .run(iso(now), linkId);
      this.db
        .prepare('INSERT INTO email_codes (link_id, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?)')
        .run(linkId, codeHash(linkId, code), iso(now), iso(now, ttlMs));
      this.db.prepare('UPDATE email_links SET codes_sent = codes_sent + 1 WHERE id = ?').run(linkId);
      return code;
    });
  }

  /** Whether a code was sent and can still be tried. */
  hasLiveCode(linkId: string, now: Date): boolean {
    return this.liveCode(linkId, now) !== undefined;
  }

  /** Checks a typed code. Every wrong try counts against the code and against the link; the link locks at MAX_CODE_ATTEMPTS. */
  checkCode(linkId: string, typed: string, now: Date): CodeCheck {
    return inTransaction(this.db, () => {
      const link = this.get(linkId);
      if (!link || link.locked) return { result: 'locked' };
      const code = this.liveCode(linkId, now);
      if (code && sameSecret(code.code_hash, codeHash(linkId, typed.trim()))) {
        this.db.prepare('UPDATE email_codes SET spent_at = ? WHERE id = ?').run(iso(now), code.id);
        return { result: 'ok' };
      }
      const failed = link.failedCodes + 1;
      const lock = failed >= MAX_CODE_ATTEMPTS ? 1 : 0;
      this.db.prepare('UPDATE email_links SET failed_codes = ?, locked = ? WHERE id = ?').run(failed, lock, linkId);
      if (lock) return { result: 'locked' };
      if (!code) return { result: 'no_code' };
      const attempts = code.attempts + 1;
      const spent = attempts >= MAX_ATTEMPTS_PER_CODE ? iso(now) : null;
      this.db.prepare('UPDATE email_codes SET attempts = ?, spent_at = ? WHERE id = ?').run(attempts, spent, code.id);
      return spent ? { result: 'no_code' } : { result: 'wrong', triesLeft: MAX_ATTEMPTS_PER_CODE - attempts };
    });
  }

  /** The code was right: the link is spent and a browser session begins. Returns the cookie value and the form token. */
  openSession(linkId: string, now: Date, ttlMs = SESSION_TTL_MS): { sessionId: string; csrf: string } {
    const sessionId = randomToken();
    const csrf = randomToken();
    inTransaction(this.db, () => {
      this.db.prepare('UPDATE email_links SET used_at = COALESCE(used_at, ?) WHERE id = ?').run(iso(now), linkId);
      this.db
        .prepare(
          'INSERT INTO email_sessions (id_hash, link_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(sha256(sessionId), linkId, csrf, iso(now), iso(now, ttlMs));
    });
    return { sessionId, csrf };
  }

  /** The live session with this cookie value for this link, if any. Using it keeps it open for another idle period. */
  findSession(sessionId: string, linkId: string, now: Date, idleMs = SESSION_TTL_MS): { csrf: string } | undefined {
    const row = this.db
      .prepare('SELECT link_id, csrf_token, expires_at FROM email_sessions WHERE id_hash = ?')
      .get(sha256(sessionId)) as { link_id: string; csrf_token: string; expires_at: string } | undefined;
    if (!row || row.link_id !== linkId || row.expires_at <= now.toISOString()) return undefined;
    this.db
      .prepare('UPDATE email_sessions SET expires_at = ? WHERE id_hash = ?')
      .run(iso(now, idleMs), sha256(sessionId));
    return { csrf: row.csrf_token };
  }

  findSent(idempotencyKey: string): SentMail | undefined {
    const row = this.db
      .prepare('SELECT id, person_id, address, link_id FROM email_messages WHERE idempotency_key = ?')
      .get(idempotencyKey) as { id: string; person_id: string; address: string; link_id: string | null } | undefined;
    return row ? { id: row.id, personId: row.person_id, address: row.address, linkId: row.link_id } : undefined;
  }

  recordSent(input: {
    idempotencyKey: string;
    personId: string;
    address: string;
    linkId: string | null;
    providerId: string;
    at: Date;
  }): SentMail {
    const id = newId('EM');
    this.db
      .prepare(
        'INSERT INTO email_messages (idempotency_key, id, person_id, address, link_id, provider_id, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(input.idempotencyKey, id, input.personId, input.address, input.linkId, input.providerId, iso(input.at));
    return { id, personId: input.personId, address: input.address, linkId: input.linkId };
  }

  private liveCode(linkId: string, now: Date): CodeRow | undefined {
    return this.db
      .prepare(
        'SELECT id, code_hash, expires_at, attempts FROM email_codes WHERE link_id = ? AND spent_at IS NULL AND expires_at > ? ORDER BY id DESC LIMIT 1',
      )
      .get(linkId, iso(now)) as CodeRow | undefined;
  }
}
