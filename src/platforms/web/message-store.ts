// The playground's messages in SQLite (migration 003): inboxes and channels survive a restart.
import type { Card } from '../../cards/model.ts';
import type { Db } from '../../storage/sqlite.ts';

export interface WebMessage {
  id: string;
  conversation: string;
  subjectId: string | null;
  card: Card;
  createdAt: string;
  updatedAt: string;
  seq: number;
}

interface Row {
  id: string;
  conversation: string;
  idempotency_key: string;
  subject_id: string | null;
  card: string;
  created_at: string;
  updated_at: string;
  seq: number;
}

export const INBOX_LIMIT = 100;

const fromRow = (r: Row): WebMessage => ({
  id: r.id,
  conversation: r.conversation,
  subjectId: r.subject_id,
  card: JSON.parse(r.card) as Card,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  seq: r.seq,
});

export const personConversation = (personId: string): string => `person:${personId}`;
export const channelConversation = (channelId: string): string => `channel:${channelId}`;

export class WebMessageStore {
  private readonly byKey;
  private readonly byId;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly listStmt;
  private readonly channelsStmt;
  private readonly nextSeqStmt;

  constructor(db: Db) {
    this.byKey = db.prepare<[string], Row>('SELECT * FROM web_messages WHERE idempotency_key = ?');
    this.byId = db.prepare<[string], Row>('SELECT * FROM web_messages WHERE id = ?');
    this.insertStmt = db.prepare(
      `INSERT INTO web_messages (id, conversation, idempotency_key, subject_id, card, created_at, updated_at, seq)
       VALUES (@id, @conversation, @key, @subject, @card, @at, @at, @seq)`,
    );
    this.updateStmt = db.prepare('UPDATE web_messages SET card = ?, updated_at = ?, seq = ? WHERE id = ?');
    this.listStmt = db.prepare<[string, number], Row>(
      'SELECT * FROM (SELECT * FROM web_messages WHERE conversation = ? ORDER BY seq DESC LIMIT ?) ORDER BY created_at, id',
    );
    this.channelsStmt = db.prepare<[], { conversation: string }>(
      `SELECT DISTINCT conversation FROM web_messages WHERE conversation LIKE 'channel:%' ORDER BY conversation`,
    );
    this.nextSeqStmt = db.prepare<[], { seq: number }>('SELECT coalesce(max(seq), 0) + 1 AS seq FROM web_messages');
  }

  findByKey(key: string): WebMessage | undefined {
    const r = this.byKey.get(key);
    return r ? fromRow(r) : undefined;
  }

  get(id: string): WebMessage | undefined {
    const r = this.byId.get(id);
    return r ? fromRow(r) : undefined;
  }

  insert(m: { id: string; conversation: string; key: string; card: Card; at: string }): WebMessage {
    const seq = this.nextSeqStmt.get()!.seq;
    this.insertStmt.run({
      id: m.id,
      conversation: m.conversation,
      key: m.key,
      subject: m.card.subjectId ?? null,
      card: JSON.stringify(m.card),
      at: m.at,
      seq,
    });
    return this.get(m.id)!;
  }

  /** Replaces the card of a message; false when there is no such message. */
  update(id: string, card: Card, at: string): boolean {
    const seq = this.nextSeqStmt.get()!.seq;
    return this.updateStmt.run(JSON.stringify(card), at, seq, id).changes === 1;
  }

  list(conversation: string, limit = INBOX_LIMIT): WebMessage[] {
    return this.listStmt.all(conversation, limit).map(fromRow);
  }

  channels(): string[] {
    return this.channelsStmt.all().map((r) => r.conversation.slice('channel:'.length));
  }
}
