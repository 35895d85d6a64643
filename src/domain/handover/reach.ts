// What to do when a message to someone asked to answer an introduction could not be delivered on any route.
// Bounded by construction: escalation happens at most once per introduction, and once everyone asked (the named
// contact, every backup, the service's channel) is known to be unreachable the introduction ends as not_reached.
import type { HandoverState } from './types.ts';

export type ReachStep = 'nothing' | 'wait' | 'escalate' | 'give_up';

export interface ReachFacts {
  state: HandoverState;
  contactId: string;
  escalatedTo: readonly string[];
  /** Everyone a message about this introduction could not reach, on any route. */
  unreached: ReadonlySet<string>;
  /** An escalation happened already (to backups or to the channel). */
  escalatedBefore: boolean;
  /** The service has a backup other than the contact, or a channel, to escalate to. */
  canCover: boolean;
  /** The escalation went to the service's channel and that post was refused. */
  channelFailed: boolean;
  /** The escalation went to the service's channel (no backups). */
  channelAsked: boolean;
}

export function nextReachStep(f: ReachFacts): ReachStep {
  if (f.state !== 'sent') return 'nothing';
  const asked = [f.contactId, ...f.escalatedTo];
  if (asked.some((id) => !f.unreached.has(id))) return 'wait';
  if (f.channelAsked && !f.channelFailed) return 'wait';
  if (!f.escalatedBefore && f.canCover) return 'escalate';
  return 'give_up';
}
