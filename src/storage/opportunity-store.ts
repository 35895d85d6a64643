// Opportunities, where they were posted, peer-group channels and weekly digest runs.
import type { ChannelRef, CloseReason, Opportunity } from '../domain/opportunities/types.ts';
import type { Db } from './sqlite.ts';

interface OpportunityRow {
  id: string;
  title: string;
  provider: string;
  type: string;
  summary: string | null;
  dates: string | null;
  deadline: string;
  who_for: string;
  how_to_join: string;
  posted_by: string;
  contact_id: string;
  service_id: string | null;
  status: string;
  created_at: string;
  closed_at: string | null;
  closed_by: string | null;
  close_reason: string | null;
}
interface ChannelRow {
  platform: string;
  tenant: string;
  channel_id: string;
}

export interface PeerGroup extends ChannelRef {
  name: string;
}

function fromRow(r: OpportunityRow): Opportunity {
  return {
    id: r.id,
    title: r.title,
    provider: r.provider,
    type: r.type as Opportunity['type'],
    summary: r.summary,
    dates: r.dates,
    deadline: r.deadline,
    whoFor: r.who_for,
    howToJoin: r.how_to_join,
    postedBy: r.posted_by,
    contactId: r.contact_id,
    serviceId: r.service_id,
    status: r.status as Opportunity['status'],
    createdAt: r.created_at,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
    closeReason: r.close_reason as CloseReason | null,
  };
}

const channelOf = (r: ChannelRow): ChannelRef => ({
  platform: r.platform as ChannelRef['platform'],
  tenant: r.tenant,
  channelId: r.channel_id,
});

export class OpportunityStore {
  private readonly byId;
  private readonly insertStmt;
  private readonly closeStmt;
  private readonly dueStmt;
  private readonly postStmt;
  private readonly postsOf;
  private readonly openInChannel;
  private readonly channelsWithOpenStmt;
  private readonly groupUpsert;
  private readonly groupKeep;
  private readonly groupGet;
  private readonly groupsAll;
  private readonly claimWeek;
  private readonly contactServices;
  private readonly tenantStmt;

  constructor(private readonly db: Db) {
    this.byId = db.prepare<[string], OpportunityRow>('SELECT * FROM opportunities WHERE id = ?');
    this.insertStmt = db.prepare(
      `INSERT INTO opportunities (id, title, provider, type, summary, dates, deadline, who_for, how_to_join, posted_by,
         contact_id, service_id, status, created_at)
       VALUES (@id, @title, @provider, @type, @summary, @dates, @deadline, @whoFor, @howToJoin, @postedBy,
         @contactId, @serviceId, 'open', @createdAt)`,
    );
    this.closeStmt = db.prepare(
      `UPDATE opportunities SET status = 'closed', closed_at = ?, closed_by = ?, close_reason = ? WHERE id = ? AND status = 'open'`,
    );
    this.dueStmt = db.prepare<[string], OpportunityRow>(
      `SELECT * FROM opportunities WHERE status = 'open' AND deadline <= ? ORDER BY deadline, id`,
    );
    this.postStmt = db.prepare(
      `INSERT INTO opportunity_posts (opportunity_id, platform, tenant, channel_id, posted_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    );
    this.postsOf = db.prepare<[string], ChannelRow>(
      'SELECT platform, tenant, channel_id FROM opportunity_posts WHERE opportunity_id = ? ORDER BY posted_at, platform, channel_id',
    );
    this.openInChannel = db.prepare<[string, string, string, string], OpportunityRow>(
      `SELECT o.* FROM opportunities o JOIN opportunity_posts p ON p.opportunity_id = o.id
       WHERE p.platform = ? AND p.tenant = ? AND p.channel_id = ? AND o.status = 'open' AND o.deadline > ?
       ORDER BY o.deadline, o.title`,
    );
    this.channelsWithOpenStmt = db.prepare<[string], ChannelRow>(
      `SELECT DISTINCT p.platform, p.tenant, p.channel_id FROM opportunity_posts p JOIN opportunities o ON o.id = p.opportunity_id
       WHERE o.status = 'open' AND o.deadline > ? ORDER BY p.platform, p.tenant, p.channel_id`,
    );
    this.groupUpsert = db.prepare(
      `INSERT INTO peer_groups (platform, tenant, channel_id, name, registered_by, registered_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(platform, tenant, channel_id) DO UPDATE SET name = excluded.name`,
    );
    this.groupKeep = db.prepare(
      `INSERT INTO peer_groups (platform, tenant, channel_id, name, registered_by, registered_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(platform, tenant, channel_id) DO NOTHING`,
    );
    this.groupGet = db.prepare<[string, string, string], ChannelRow & { name: string }>(
      'SELECT platform, tenant, channel_id, name FROM peer_groups WHERE platform = ? AND tenant = ? AND channel_id = ?',
    );
    this.groupsAll = db.prepare<[], ChannelRow & { name: string }>(
      'SELECT platform, tenant, channel_id, name FROM peer_groups ORDER BY name',
    );
    this.claimWeek = db.prepare(
      'INSERT INTO opportunity_digest_runs (iso_week, ran_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
    );
    this.contactServices = db.prepare<[string], { service_id: string }>(
      `SELECT service_id FROM service_contacts WHERE person_id = ? ORDER BY role = 'backup', position, service_id`,
    );
    this.tenantStmt = db.prepare<[string, string, string, string], { tenant: string }>(
      `SELECT tenant FROM opportunity_posts WHERE platform = ? AND channel_id = ?
       UNION SELECT tenant FROM peer_groups WHERE platform = ? AND channel_id = ? LIMIT 1`,
    );
  }

  insert(o: Opportunity): void {
    this.insertStmt.run({
      id: o.id,
      title: o.title,
      provider: o.provider,
      type: o.type,
      summary: o.summary,
      dates: o.dates,
      deadline: o.deadline,
      whoFor: o.whoFor,
      howToJoin: o.howToJoin,
      postedBy: o.postedBy,
      contactId: o.contactId,
      serviceId: o.serviceId,
      createdAt: o.createdAt,
    });
  }

  find(id: string): Opportunity | undefined {
    const row = this.byId.get(id);
    return row ? fromRow(row) : undefined;
  }

  /** Newest first; `openAt` keeps only those still open at that moment. */
  list(options: { openAt?: Date; limit?: number } = {}): Opportunity[] {
    const limit = options.limit ?? 200;
    const rows = options.openAt
      ? this.db
          .prepare<[string, number], OpportunityRow>(
            `SELECT * FROM opportunities WHERE status = 'open' AND deadline > ? ORDER BY deadline, title LIMIT ?`,
          )
          .all(options.openAt.toISOString(), limit)
      : this.db
          .prepare<[number], OpportunityRow>('SELECT * FROM opportunities ORDER BY created_at DESC, id LIMIT ?')
          .all(limit);
    return rows.map(fromRow);
  }

  /** Marks it closed if it is still open; false when someone else closed it first. */
  markClosed(id: string, at: string, by: string, reason: CloseReason): boolean {
    return this.closeStmt.run(at, by, reason, id).changes === 1;
  }

  /** Open ones whose deadline is at or before `now`. */
  expired(now: Date): Opportunity[] {
    return this.dueStmt.all(now.toISOString()).map(fromRow);
  }

  addPost(opportunityId: string, channel: ChannelRef, at: string): void {
    this.postStmt.run(opportunityId, channel.platform, channel.tenant, channel.channelId, at);
  }

  posts(opportunityId: string): ChannelRef[] {
    return this.postsOf.all(opportunityId).map(channelOf);
  }

  openInChannelAt(channel: ChannelRef, now: Date): Opportunity[] {
    return this.openInChannel.all(channel.platform, channel.tenant, channel.channelId, now.toISOString()).map(fromRow);
  }

  channelsWithOpen(now: Date): ChannelRef[] {
    return this.channelsWithOpenStmt.all(now.toISOString()).map(channelOf);
  }

  /** Registers a channel as a peer group (renames it if known). */
  registerPeerGroup(channel: ChannelRef, name: string, by: string | null, at: string): void {
    this.groupUpsert.run(channel.platform, channel.tenant, channel.channelId, name, by, at);
  }

  /** Registers a channel under `name` only if it is not known yet. */
  ensurePeerGroup(channel: ChannelRef, name: string, by: string | null, at: string): void {
    this.groupKeep.run(channel.platform, channel.tenant, channel.channelId, name, by, at);
  }

  peerGroup(channel: ChannelRef): PeerGroup | undefined {
    const row = this.groupGet.get(channel.platform, channel.tenant, channel.channelId);
    return row ? { ...channelOf(row), name: row.name } : undefined;
  }

  peerGroups(): PeerGroup[] {
    return this.groupsAll.all().map((r) => ({ ...channelOf(r), name: r.name }));
  }

  /** True the first time a week is claimed: the weekly digest for that week runs once. */
  claimDigestWeek(isoWeek: string, at: string): boolean {
    return this.claimWeek.run(isoWeek, at).changes === 1;
  }

  /** The tenant a channel was seen in (channel ids are unique per platform in practice). */
  tenantOf(platform: string, channelId: string): string | undefined {
    return this.tenantStmt.get(platform, channelId, platform, channelId)?.tenant;
  }

  /** Services on which a person is a named contact, primary roles first. */
  servicesNaming(personId: string): string[] {
    return this.contactServices.all(personId).map((r) => r.service_id);
  }
}
