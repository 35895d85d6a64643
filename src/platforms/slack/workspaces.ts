// Which Web API client speaks for which Slack workspace. One workspace (SLACK_BOT_TOKEN): one client for all.
// Many workspaces (OAuth): the bot token of the workspace where the person or conversation lives, read from the
// encrypted installation store, one cached client per workspace; a workspace without an installation is
// "recipient unknown", so the outbox tries the person's next platform or tells the introducer.
import { webApi, type Installation, type InstallationQuery, type InstallationStore } from '@slack/bolt';
import { DeliveryError } from '../../app/ports.ts';
import { SecretBoxError } from '../../storage/secret-box.ts';
import type { SlackInstallationStore } from './installation-store.ts';
import { BoundedMap } from './bounded-map.ts';

/** Conversations whose workspace is remembered in memory (the database remembers all of them). */
export const MAX_REMEMBERED_CONVERSATIONS = 10_000;

export interface SlackClients {
  /** The client for a workspace (team id); DeliveryError 'recipient_unknown' when we are not installed there. */
  forTeam(teamId: string): Promise<webApi.WebClient>;
  /** The client for a conversation we posted in before. */
  forConversation(conversationId: string): Promise<webApi.WebClient>;
  /** Remembers the workspace of a conversation we just posted in. */
  remember(conversationId: string, teamId: string): void;
  /** The workspaces to look someone up in, the one named like their organisation first ('' for the one workspace). */
  searchOrder(organisation: string): string[];
}

/** One workspace: the same client whatever the team. */
export function singleWorkspace(client: webApi.WebClient): SlackClients {
  return {
    forTeam: async () => client,
    forConversation: async () => client,
    remember: () => undefined,
    searchOrder: () => [''],
  };
}

function notInstalled(where: string): DeliveryError {
  return new DeliveryError(
    'recipient_unknown',
    `Warm Handover is not installed in the Slack workspace ${where}, so nobody there can be reached through Slack.`,
  );
}

export class InstalledWorkspaces implements SlackClients {
  private readonly clients = new Map<string, webApi.WebClient>();
  private readonly conversations = new BoundedMap<string>(MAX_REMEMBERED_CONVERSATIONS);

  constructor(
    private readonly store: SlackInstallationStore,
    private readonly options: webApi.WebClientOptions,
  ) {}

  async forTeam(teamId: string): Promise<webApi.WebClient> {
    const known = this.clients.get(teamId);
    if (known) return known;
    if (!teamId) throw notInstalled('(none recorded for this person)');
    let token: string | undefined;
    try {
      token = await this.store.botToken(teamId);
    } catch (err) {
      if (err instanceof SecretBoxError) throw new DeliveryError('permanent', err.message);
      throw err;
    }
    if (!token) throw notInstalled(teamId);
    const client = new webApi.WebClient(token, this.options);
    this.clients.set(teamId, client);
    return client;
  }

  async forConversation(conversationId: string): Promise<webApi.WebClient> {
    const teamId = this.conversations.get(conversationId) ?? this.store.teamOfConversation(conversationId);
    if (!teamId)
      throw new DeliveryError(
        'recipient_unknown',
        `We do not know which Slack workspace conversation ${conversationId} is in.`,
      );
    return this.forTeam(teamId);
  }

  remember(conversationId: string, teamId: string): void {
    if (this.conversations.get(conversationId) === teamId) return;
    this.conversations.set(conversationId, teamId);
    this.store.rememberConversation(conversationId, teamId);
  }

  searchOrder(organisation: string): string[] {
    const own = (name: string) => (organisation && name.toLowerCase().includes(organisation.toLowerCase()) ? 0 : 1);
    return this.store
      .workspaces()
      .filter((w) => w.teamId)
      .sort((a, b) => own(a.teamName) - own(b.teamName))
      .map((w) => w.installKey);
  }

  /** The workspace's name as Slack gave it at install time ('' when unknown). */
  workspaceName(installKey: string): string {
    return this.store.workspaces().find((w) => w.installKey === installKey)?.teamName ?? '';
  }

  /** Drops the cached clients of a workspace (after an uninstall or a new install). */
  forget(installKey: string | undefined): void {
    if (installKey) this.clients.delete(installKey);
    else this.clients.clear();
  }

  /** The store Bolt's installer and authorize use; every write also drops the cached client. */
  installationStore(): InstallationStore {
    const keyOf = (q: { team?: { id: string }; enterprise?: { id: string }; teamId?: string; enterpriseId?: string }) =>
      q.team?.id ?? q.teamId ?? q.enterprise?.id ?? q.enterpriseId;
    return {
      storeInstallation: async <V extends 'v1' | 'v2'>(i: Installation<V, boolean>) => {
        await this.store.storeInstallation(i);
        this.forget(i.isEnterpriseInstall ? undefined : keyOf(i));
      },
      fetchInstallation: (q: InstallationQuery<boolean>) => this.store.fetchInstallation(q),
      deleteInstallation: async (q: InstallationQuery<boolean>) => {
        await this.store.deleteInstallation(q);
        this.forget(q.isEnterpriseInstall ? undefined : keyOf(q));
      },
    };
  }
}
