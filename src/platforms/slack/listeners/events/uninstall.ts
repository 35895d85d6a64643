// Removed from a workspace (app_uninstalled) or its bot token revoked (tokens_revoked): the stored tokens are
// deleted and every coordinator gets a notice through the outbox. Bolt does not authorize these two events
// (the token is already gone), so the listener uses no Web API. A retried event is not handled twice:
// the outbox ignores a notice whose idempotency key is already queued.
import type { PlatformContext } from '../../../../app/platform-context.ts';
import { installKeyOf } from '../../installation-store.ts';
import type { InstalledWorkspaces } from '../../workspaces.ts';

export interface UninstallDeps {
  container: PlatformContext;
  /** Absent in one-workspace mode: the token lives in SLACK_BOT_TOKEN and is not ours to delete. */
  workspaces?: InstalledWorkspaces;
  /** Called after notices are queued (the composition root wires it to the dispatcher's kick). */
  onQueued?: () => void;
}

interface Source {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall: boolean;
  eventId: string;
  why: string;
}

function noticeText(workspace: string, why: string, installUrl: string | undefined): string {
  const again = installUrl
    ? ` To put it back, someone with permission adds it again at ${installUrl}.`
    : ' To put it back, someone with permission installs it again.';
  return (
    `Warm Handover ${why} in the Slack workspace ${workspace}. People there no longer get introductions, nudges or receipts in Slack: ` +
    `messages go to their other platforms or e-mail, and introducers are told when someone cannot be reached.${again}`
  );
}

/** Deletes the workspace's tokens and queues one notice per coordinator. Returns how many were told. */
export async function handleRemoval(deps: UninstallDeps, source: Source): Promise<number> {
  const { container } = deps;
  const key = installKeyOf(source) ?? 'unknown';
  const name = deps.workspaces?.workspaceName(key) || key;
  await deps.workspaces?.installationStore().deleteInstallation?.({
    teamId: source.teamId,
    enterpriseId: source.enterpriseId,
    isEnterpriseInstall: source.isEnterpriseInstall,
  });
  const publicUrl = container.config.publicUrl?.replace(/\/+$/, '');
  const installUrl = deps.workspaces && publicUrl ? `${publicUrl}/slack/install` : undefined;
  const text = noticeText(name, source.why, installUrl);
  const queued = container.noticeToCoordinators({
    key: `slack-removed:${key}:${source.eventId}`,
    subjectId: `slack-workspace:${key}`,
    title: 'Warm Handover was removed from Slack',
    text,
  });
  container.log.warn(
    { workspace: key, why: source.why, coordinatorsTold: queued },
    'Slack workspace removed Warm Handover',
  );
  if (queued) deps.onQueued?.();
  return queued;
}

type EventBody = { event_id?: string; team_id?: string; enterprise_id?: string; is_enterprise_install?: boolean };

function sourceOf(body: unknown, context: { teamId?: string; enterpriseId?: string }, why: string): Source {
  const b = body as EventBody;
  return {
    teamId: context.teamId ?? b.team_id,
    enterpriseId: context.enterpriseId ?? b.enterprise_id,
    isEnterpriseInstall: b.is_enterprise_install === true,
    eventId: b.event_id ?? 'no-event-id',
    why,
  };
}

export const REMOVAL_EVENTS = ['app_uninstalled', 'tokens_revoked'] as const;

type RemovalArgs = {
  event: { type: string; tokens?: { bot?: string[] } };
  body: unknown;
  context: { teamId?: string; enterpriseId?: string };
};

/** app_uninstalled or tokens_revoked (one of REMOVAL_EVENTS), from the one events listener (index.ts). */
export async function onRemoved(deps: UninstallDeps, { event, body, context }: RemovalArgs): Promise<void> {
  if (event.type === 'app_uninstalled') {
    await handleRemoval(deps, sourceOf(body, context, 'was uninstalled'));
    return;
  }
  if (event.type !== 'tokens_revoked' || !event.tokens?.bot?.length) return; // only people's own tokens were revoked: the bot still works
  await handleRemoval(deps, sourceOf(body, context, 'lost its permission (its token was revoked)'));
}
