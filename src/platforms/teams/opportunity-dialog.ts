// Peer groups in Teams: the "Post an opportunity" dialog (bot command "opportunity", a card button, or the message
// extension) and "Introduce a client to this" from a channel's opportunity card, which opens the introduce dialog
// privately for the person who clicked. Every step runs the shared action handler; the poster's scope is always
// this tenant's Teams peer groups (whatever the submitted data says). A repeated submit of one dialog runs once.
import { randomUUID } from 'node:crypto';
import type { TaskModuleResponse } from 'botbuilder';
import type { Card } from '../../cards/model.ts';
import { CHANNELS_INPUT_ID, NO_GROUP_HINT } from '../../cards/post-opportunity-form.ts';
import { cardAttachment, dialogCard } from './adaptive-teams.ts';
import { closeWith, continueWith, DIALOG_KEY, DIALOG_SIZE, readSubmit } from './introduce-dialog.ts';
import type { TeamsActions } from './teams-actions.ts';

export const OPPORTUNITY_DIALOG_TITLE = 'Post an opportunity';
/** The message extension command in manifests/teams/manifest.json. */
export const POST_OPPORTUNITY_COMMAND = 'postOpportunity';
/** How many dialog submits this process remembers, to answer a repeated one without doing it again. */
export const MAX_REMEMBERED_SUBMITS = 5_000;
/** Submits that create something: a double click must not create it twice. */
const CREATING_ACTIONS = new Set(['opportunity_submit', 'introduce_submit']);

/** Where the poster is: their tenant, the channel they are in (when it is a peer group), and the tenant's groups. */
export interface OpportunityPlace {
  tenantId: string;
  /** A registered peer-group channel the command came from, preselected in the form. */
  channelId?: string;
  /** How many peer groups this tenant has (none: the dialog explains how to add one instead of a form). */
  groupCount: number;
}

export function teamsScope(tenantId: string): string {
  return `teams:${tenantId}`;
}

function formResponse(card: Card, key: string): TaskModuleResponse {
  const content = dialogCard(card, { [DIALOG_KEY]: key });
  return {
    task: {
      type: 'continue',
      value: { title: OPPORTUNITY_DIALOG_TITLE, card: cardAttachment(content), ...DIALOG_SIZE },
    },
  } as TaskModuleResponse;
}

function doneText(card: Card): string {
  const first = card.blocks.find((b) => b.type === 'text');
  return first && first.type === 'text' ? `${card.title}. ${first.text}` : card.title;
}

/** Opens "Post an opportunity" on the shared form, with the current channel chosen when it is a peer group. */
export async function openOpportunityDialog(
  actions: TeamsActions,
  actorId: string,
  place: OpportunityPlace,
): Promise<TaskModuleResponse> {
  if (place.groupCount === 0) return closeWith(NO_GROUP_HINT.teams);
  const inputs = place.channelId ? { [CHANNELS_INPUT_ID]: place.channelId } : {};
  const result = await actions.run({
    actorId,
    actionId: 'opportunity_start',
    subjectId: teamsScope(place.tenantId),
    inputs,
  });
  if (result.kind === 'error') return closeWith(result.message);
  return formResponse(result.card, randomUUID());
}

/** One submit of the opportunity dialog: posted (closes with a sentence) or the form again with what to fix. */
export async function opportunityStep(
  actions: TeamsActions,
  actorId: string,
  tenantId: string,
  data: unknown,
): Promise<TaskModuleResponse> {
  const { actionId, inputs } = readSubmit(data);
  const { [DIALOG_KEY]: key, ...typed } = inputs;
  const dialogKey = typeof key === 'string' && key ? key : randomUUID();
  const step = actionId === 'opportunity_start' ? 'opportunity_start' : 'opportunity_submit';
  const result = await actions.run({ actorId, actionId: step, subjectId: teamsScope(tenantId), inputs: typed });
  if (result.kind === 'form') return formResponse(result.card, dialogKey);
  if (result.kind === 'card') return closeWith(doneText(result.card));
  return result.form ? formResponse(result.form, dialogKey) : closeWith(result.message);
}

/** "Introduce a client to this" (subject: the opportunity): the introduce form addressed to its named contact. */
export async function openOpportunityIntroduction(
  actions: TeamsActions,
  actorId: string,
  opportunityId: string,
): Promise<TaskModuleResponse> {
  const result = await actions.run({
    actorId,
    actionId: 'introduce_to_opportunity',
    subjectId: opportunityId,
    inputs: {},
  });
  if (result.kind === 'error') return closeWith(result.message);
  return continueWith(result.card, { [DIALOG_KEY]: randomUUID() });
}

/** Whether a dialog submit is an opportunity step (it then runs in the poster's tenant scope). */
export function isOpportunityStep(data: unknown): boolean {
  const { actionId } = readSubmit(data);
  return actionId === 'opportunity_start' || actionId === 'opportunity_submit';
}

/**
 * Runs a creating dialog submit once per dialog: a second submit of the same dialog (a double click, or Teams
 * retrying) waits for the first and gets its answer. A refused submit (the form again) is forgotten, so it can be fixed.
 */
export class SubmitOnce {
  private readonly answers = new Map<string, Promise<TaskModuleResponse>>();

  run(actorId: string, data: unknown, step: () => Promise<TaskModuleResponse>): Promise<TaskModuleResponse> {
    const { actionId, inputs } = readSubmit(data);
    const key = inputs[DIALOG_KEY];
    if (!CREATING_ACTIONS.has(actionId) || typeof key !== 'string' || !key) return step();
    const id = `${actorId}\n${key}`;
    const known = this.answers.get(id);
    if (known) return known;
    const answer = step();
    this.remember(id, answer);
    answer.then(
      (r) => {
        if (r.task?.type !== 'message') this.answers.delete(id);
      },
      () => this.answers.delete(id),
    );
    return answer;
  }

  private remember(id: string, answer: Promise<TaskModuleResponse>): void {
    if (this.answers.size >= MAX_REMEMBERED_SUBMITS) this.answers.delete(this.answers.keys().next().value as string);
    this.answers.set(id, answer);
  }
}
