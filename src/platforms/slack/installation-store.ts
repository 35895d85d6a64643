// Slack installations (one per workspace, or per org for an org-wide install) behind Bolt's installationStore
// interface. The installation JSON, with its tokens, is stored sealed (src/storage/secret-box.ts); only ids and
// the workspace name are in the clear. Also remembers which workspace each conversation we posted in belongs to.
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { createSecretBox, type SecretBox } from '../../storage/secret-box.ts';
import type { Db } from '../../storage/sqlite.ts';

export const SLACK_INSTALLATION_PURPOSE = 'slack-installations';

export class InstallationNotFoundError extends Error {
  readonly code = 'SLACK_NOT_INSTALLED';
  constructor(where: string) {
    super(`Warm Handover is not installed in the Slack workspace ${where}.`);
    this.name = 'InstallationNotFoundError';
  }
}

interface Row {
  install_key: string;
  team_id: string | null;
  enterprise_id: string | null;
  is_enterprise_install: number;
  team_name: string;
  sealed: string;
}

export interface InstalledWorkspace {
  installKey: string;
  teamId: string | null;
  enterpriseId: string | null;
  teamName: string;
}

/** The row key for an installation or a query: the enterprise id for org-wide installs, else the team id. */
export function installKeyOf(q: {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}): string | undefined {
  return q.isEnterpriseInstall && q.enterpriseId ? q.enterpriseId : q.teamId;
}

export class SlackInstallationStore implements InstallationStore {
  private readonly box: SecretBox;
  private readonly s;

  constructor(
    db: Db,
    secretsKey: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.box = createSecretBox(secretsKey, SLACK_INSTALLATION_PURPOSE);
    this.s = {
      upsert:
        db.prepare(`INSERT INTO slack_installations (install_key, team_id, enterprise_id, is_enterprise_install, team_name, sealed, installed_at, updated_at)
        VALUES (@key, @team, @enterprise, @org, @name, @sealed, @at, @at)
        ON CONFLICT(install_key) DO UPDATE SET team_id = excluded.team_id, enterprise_id = excluded.enterprise_id,
          is_enterprise_install = excluded.is_enterprise_install, team_name = excluded.team_name, sealed = excluded.sealed, updated_at = excluded.updated_at`),
      byKey: db.prepare<[string], Row>('SELECT * FROM slack_installations WHERE install_key = ?'),
      orgWide: db.prepare<[string], Row>(
        'SELECT * FROM slack_installations WHERE enterprise_id = ? AND is_enterprise_install = 1',
      ),
      remove: db.prepare('DELETE FROM slack_installations WHERE install_key = ?'),
      all: db.prepare<[], Row>('SELECT * FROM slack_installations ORDER BY team_name, install_key'),
      rememberConversation:
        db.prepare(`INSERT INTO slack_conversations (channel_id, team_id, updated_at) VALUES (?, ?, ?)
        ON CONFLICT(channel_id) DO UPDATE SET team_id = excluded.team_id, updated_at = excluded.updated_at`),
      conversation: db.prepare<[string], { team_id: string }>(
        'SELECT team_id FROM slack_conversations WHERE channel_id = ?',
      ),
    };
  }

  async storeInstallation<V extends 'v1' | 'v2'>(installation: Installation<V, boolean>): Promise<void> {
    const key = installKeyOf({
      teamId: installation.team?.id,
      enterpriseId: installation.enterprise?.id,
      isEnterpriseInstall: installation.isEnterpriseInstall,
    });
    if (!key) throw new Error('A Slack installation came without a team or enterprise id.');
    this.s.upsert.run({
      key,
      team: installation.team?.id ?? null,
      enterprise: installation.enterprise?.id ?? null,
      org: installation.isEnterpriseInstall ? 1 : 0,
      name: installation.team?.name ?? installation.enterprise?.name ?? '',
      sealed: this.box.seal(JSON.stringify(installation), key),
      at: this.now().toISOString(),
    });
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>> {
    const row = this.find(query);
    if (!row) throw new InstallationNotFoundError(installKeyOf(query) ?? 'with no id');
    return JSON.parse(this.box.open(row.sealed, row.install_key)) as Installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const key = installKeyOf(query);
    if (key) this.s.remove.run(key);
  }

  /** The bot token for a workspace (a team id, or an enterprise id of an org-wide install); undefined when none. */
  async botToken(teamId: string): Promise<string | undefined> {
    const row =
      this.find({ teamId, enterpriseId: undefined, isEnterpriseInstall: false }) ?? this.s.orgWide.get(teamId);
    if (!row) return undefined;
    return (JSON.parse(this.box.open(row.sealed, row.install_key)) as Installation).bot?.token;
  }

  workspaces(): InstalledWorkspace[] {
    return this.s.all.all().map((r) => ({
      installKey: r.install_key,
      teamId: r.team_id,
      enterpriseId: r.enterprise_id,
      teamName: r.team_name,
    }));
  }

  rememberConversation(channelId: string, teamId: string): void {
    this.s.rememberConversation.run(channelId, teamId, this.now().toISOString());
  }

  teamOfConversation(channelId: string): string | undefined {
    return this.s.conversation.get(channelId)?.team_id;
  }

  /** A workspace's own install first; else the org-wide install of its Enterprise Grid org. */
  private find(query: InstallationQuery<boolean>): Row | undefined {
    const key = installKeyOf(query);
    const own = key ? this.s.byKey.get(key) : undefined;
    if (own) return own;
    return query.enterpriseId ? this.s.orgWide.get(query.enterpriseId) : undefined;
  }
}
