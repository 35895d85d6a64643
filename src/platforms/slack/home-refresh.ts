// Keeps each App Home current: after a change to an introduction, the tab of everyone involved who has opened it
// (the introducer, the named contact before and after, backups asked to step in) is published again.
import type { PlatformContext } from '../../app/platform-context.ts';
import type { HandoverChange } from '../../app/handover-service.ts';
import { BoundedMap } from './bounded-map.ts';
import { homeView } from './home-view.ts';
import { publishHome } from './wire.ts';
import type { SlackClients } from './workspaces.ts';

/** People whose App Home is kept current (the rest get a fresh tab when they open it). */
export const MAX_HOMES_KEPT = 10_000;

interface HomePlace {
  teamId: string;
  userId: string;
}

function involved(change: HandoverChange): string[] {
  const h = change.after;
  return [h.introducerId, h.contactId, ...h.escalatedTo, ...(change.before ? [change.before.contactId] : [])];
}

export class HomeRefresher {
  private readonly homes = new BoundedMap<HomePlace>(MAX_HOMES_KEPT);
  private readonly due = new Set<string>();

  constructor(
    private readonly container: PlatformContext,
    private readonly clients: SlackClients,
  ) {
    container.onHandoverChange((change) => {
      for (const id of involved(change)) if (this.homes.has(id)) this.due.add(id);
    });
    container.onHandoverCommitted(() => this.publishDue());
  }

  /** The person opened their App Home: from now on it is republished when something changes for them. */
  opened(personId: string, teamId: string, userId: string): void {
    this.homes.set(personId, { teamId, userId });
  }

  private publishDue(): void {
    const ids = [...this.due];
    this.due.clear();
    for (const personId of ids) void this.publish(personId);
  }

  private async publish(personId: string): Promise<void> {
    const place = this.homes.get(personId);
    if (!place) return;
    try {
      const client = await this.clients.forTeam(place.teamId);
      await publishHome(client, place.userId, homeView(this.container, personId, place.teamId));
    } catch (err) {
      this.container.log.warn(
        { err: { message: (err as Error)?.message, code: (err as { code?: string })?.code }, what: 'republish home' },
        'Slack follow-up failed',
      );
    }
  }
}
