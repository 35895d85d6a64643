// Who a Teams user is in the directory, and where the bot can reach them: the conversation reference is kept on
// the person's teams identity {platform:'teams', tenant, userId: AAD object id}, stored on install and every message.
import type { Person } from '../../domain/directory/types.ts';
import type { Identity } from '../../domain/ports.ts';
import type { PeopleDirectory } from '../../app/people-directory.ts';
import type { Db } from '../../storage/sqlite.ts';

export const TEAMS_CHANNEL_ID = 'msteams';

/** The parts of a Bot Framework ConversationReference we keep (no message text, no names). */
export interface StoredReference {
  channelId: string;
  serviceUrl: string;
  conversation: { id: string; conversationType?: string; tenantId?: string; isGroup?: boolean };
  bot: { id: string };
  user?: { id: string; aadObjectId?: string };
}

export interface TeamsIdentityDetails {
  /** The user's Teams id ("29:…"), needed by the connector for some calls. */
  teamsUserId?: string;
  serviceUrl?: string;
  /** The 1:1 chat with the bot, when known. */
  reference?: StoredReference;
}

export interface TeamsUser {
  tenantId: string;
  aadObjectId: string;
  teamsUserId?: string;
}

export function teamsDetails(identity: Identity): TeamsIdentityDetails {
  return (identity.details ?? {}) as TeamsIdentityDetails;
}

export function teamsIdentityOf(person: Person, tenantId?: string): Identity | undefined {
  return person.identities.find((i) => i.platform === 'teams' && (tenantId === undefined || i.tenant === tenantId));
}

export class TeamsDirectory {
  private readonly serviceUrlStmt;
  private readonly byConversationStmt;

  constructor(
    private readonly db: Db,
    private readonly people: PeopleDirectory,
  ) {
    this.serviceUrlStmt = db.prepare<[string], { url: string }>(
      `SELECT json_extract(details, '$.serviceUrl') AS url FROM identities
       WHERE platform = 'teams' AND tenant = ? AND json_extract(details, '$.serviceUrl') IS NOT NULL LIMIT 1`,
    );
    this.byConversationStmt = db.prepare<[string, string], { user_id: string; teams_user_id: string | null }>(
      `SELECT user_id, json_extract(details, '$.teamsUserId') AS teams_user_id FROM identities
       WHERE platform = 'teams' AND tenant = ? AND json_extract(details, '$.reference.conversation.id') = ? LIMIT 1`,
    );
  }

  findPerson(user: TeamsUser): Person | undefined {
    if (!user.aadObjectId) return undefined;
    return this.people.findByIdentity('teams', user.tenantId, user.aadObjectId);
  }

  findByEmail(email: string): Person | undefined {
    return this.people.findByEmail(email);
  }

  /** Links (or refreshes) the person's Teams identity, keeping what was known and adding what is new. */
  remember(personId: string, user: TeamsUser, extra: TeamsIdentityDetails, known?: Person): void {
    const person = known?.id === personId ? known : this.people.get(personId);
    const existing = person?.identities.find(
      (i) => i.platform === 'teams' && i.tenant === user.tenantId && i.userId === user.aadObjectId,
    );
    const before = existing ? teamsDetails(existing) : {};
    const details: TeamsIdentityDetails = {
      ...before,
      ...(user.teamsUserId ? { teamsUserId: user.teamsUserId } : {}),
      ...(extra.serviceUrl ? { serviceUrl: extra.serviceUrl } : {}),
      ...(extra.reference ? { reference: extra.reference } : {}),
    };
    if (existing && JSON.stringify(before) === JSON.stringify(details)) return;
    this.people.link(personId, {
      platform: 'teams',
      tenant: user.tenantId,
      userId: user.aadObjectId,
      details: { ...details },
    });
  }

  /** Stores the 1:1 conversation the bot created for a person it had never spoken with. */
  rememberReference(identity: Identity, reference: StoredReference): void {
    const person = this.people.findByIdentity('teams', identity.tenant, identity.userId);
    if (!person) return;
    const user: TeamsUser = {
      tenantId: identity.tenant,
      aadObjectId: identity.userId,
      teamsUserId: teamsDetails(identity).teamsUserId,
    };
    this.remember(person.id, user, { serviceUrl: reference.serviceUrl, reference });
  }

  /** Whose 1:1 chat with the bot this is. */
  personForConversation(
    tenantId: string,
    conversationId: string,
  ): { aadObjectId: string; teamsUserId?: string } | undefined {
    const row = this.byConversationStmt.get(tenantId, conversationId);
    return row ? { aadObjectId: row.user_id, teamsUserId: row.teams_user_id ?? undefined } : undefined;
  }

  /** The last service URL seen for a tenant (Teams gives each tenant a regional one). */
  serviceUrlFor(tenantId: string): string | undefined {
    return this.serviceUrlStmt.get(tenantId)?.url;
  }
}
