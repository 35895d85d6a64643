// Modal submissions. Validation answers inside the ack (`response_action: errors` on the field);
// a retried or double-submitted introduce modal never creates a second introduction.
import type { App, SlackViewMiddlewareArgs, ViewSubmitAction, webApi } from '@slack/bolt';
import { isActionId } from '../../../../cards/model.ts';
import {
  FORM_CALLBACK_ID,
  decodeMetadata,
  fieldErrors,
  noticeModal,
  readViewInputs,
  type Block,
  type ViewStateValues,
} from '../../blocks.ts';
import { logAfterAck, oneOf, personFor, type SlackDeps } from '../../deps.ts';
import { UNKNOWN_PERSON_MESSAGE } from '../../identity.ts';
import { INTRODUCE_CALLBACK_ID, INTRODUCE_TOGGLES, sentModal } from '../../introduce-modal.ts';
import { afterCreateModal, CREATING_SUBMITS } from '../../opportunity-modal.ts';
import { updateClickedMessage } from '../../outcome.ts';

/** Subject when no service was chosen: the handler answers with an error on the service field. */
const NO_SERVICE = 'none';

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & { client: webApi.WebClient; context: { teamId?: string } };

function viewBlocks(view: ViewSubmitAction['view']): { blocks?: Block[] } {
  return { blocks: view.blocks as unknown as Block[] };
}

/** Single-option checkboxes are yes/no toggles; they read back as booleans. */
function togglesOf(blocks: Block[]): Set<string> {
  const ids = blocks.flatMap((b) => {
    const el = b.element as { type?: string; action_id?: string; options?: unknown[] } | undefined;
    return b.type === 'input' && el?.type === 'checkboxes' && el.options?.length === 1 && el.action_id
      ? [el.action_id]
      : [];
  });
  return new Set(ids);
}

function sentConfirmation(deps: SlackDeps, handoverId: string | undefined) {
  const h = handoverId ? deps.container.introduction(handoverId) : undefined;
  if (!h) return noticeModal('Introduction sent', 'Your introduction has been sent.', 'Done');
  return sentModal(
    deps.container.people.nameOf(h.contactId),
    deps.container.directory.get(h.serviceId)?.name ?? 'the service',
  );
}

async function submitIntroduction(deps: SlackDeps, { ack, body, view, client, context }: ViewArgs): Promise<void> {
  const known = deps.submittedViews.get(view.id);
  if (known !== undefined) {
    await ack({ response_action: 'update', view: sentConfirmation(deps, known) });
    return;
  }
  deps.submittedViews.set(view.id, '');
  try {
    const person = await personFor(deps, client, context.teamId ?? body.team?.id, body.user.id);
    if (!person) throw Object.assign(new Error(UNKNOWN_PERSON_MESSAGE), { person: false });
    const inputs: Record<string, unknown> = readViewInputs(view.state.values as ViewStateValues, INTRODUCE_TOGGLES);
    const meta = JSON.parse(view.private_metadata || '{}') as { o?: string; l?: string };
    if (meta.o) inputs.opportunityId = meta.o;
    if (meta.l) inputs.sourceLink = meta.l;
    // The shared handler takes the chosen service as the subject of introduce_submit.
    const subjectId = typeof inputs.serviceId === 'string' ? inputs.serviceId : NO_SERVICE;
    const outcome = await deps.runAction({
      actorId: person.id,
      actionId: 'introduce_submit',
      subjectId,
      inputs,
      key: `slack-view:${view.id}`,
    });
    if (outcome.kind === 'error') {
      deps.submittedViews.delete(view.id);
      await ack({ response_action: 'errors', errors: fieldErrors(viewBlocks(view), outcome.fields, outcome.message) });
      return;
    }
    deps.submittedViews.set(view.id, outcome.card.subjectId ?? '');
    await ack({ response_action: 'update', view: sentConfirmation(deps, outcome.card.subjectId) });
  } catch (err) {
    deps.submittedViews.delete(view.id);
    const message =
      (err as { person?: boolean }).person === false
        ? UNKNOWN_PERSON_MESSAGE
        : 'Something went wrong on our side. Please try again in a moment.';
    if ((err as { person?: boolean }).person !== false) logAfterAck(deps, 'introduce')(err);
    await ack({ response_action: 'errors', errors: fieldErrors(viewBlocks(view), {}, message) });
  }
}

async function submitForm(deps: SlackDeps, { ack, body, view, client, context }: ViewArgs): Promise<void> {
  const meta = decodeMetadata(view.private_metadata);
  const person = await personFor(deps, client, context.teamId ?? body.team?.id, body.user.id);
  if (!meta || !isActionId(meta.a) || !person) {
    await ack({
      response_action: 'errors',
      errors: fieldErrors(viewBlocks(view), {}, person ? 'This form is not valid any more.' : UNKNOWN_PERSON_MESSAGE),
    });
    return;
  }
  const creates = CREATING_SUBMITS.has(meta.a);
  if (creates && deps.submittedViews.has(view.id)) {
    await ack({
      response_action: 'update',
      view: noticeModal('Already sent', 'This was already sent once; it has not been sent again.'),
    });
    return;
  }
  if (creates) deps.submittedViews.set(view.id, '');
  const inputs = readViewInputs(view.state.values as ViewStateValues, togglesOf(viewBlocks(view).blocks ?? []));
  let outcome: Awaited<ReturnType<SlackDeps['runAction']>>;
  try {
    const shownIn = meta.c && meta.t ? { conversationId: meta.c, messageId: meta.t } : undefined;
    outcome = await deps.runAction({
      actorId: person.id,
      actionId: meta.a,
      subjectId: meta.s,
      version: meta.v,
      inputs,
      shownIn,
      ...(creates ? { key: `slack-view:${view.id}` } : {}),
    });
  } catch (err) {
    if (creates) deps.submittedViews.delete(view.id);
    throw err;
  }
  if (outcome.kind === 'error') {
    if (creates) deps.submittedViews.delete(view.id);
    await ack({ response_action: 'errors', errors: fieldErrors(viewBlocks(view), outcome.fields, outcome.message) });
    return;
  }
  const created = outcome.kind === 'card' ? afterCreateModal(meta.a, outcome.card) : null;
  if (created) {
    await ack({ response_action: 'update', view: created });
    return;
  }
  await ack();
  if (outcome.kind === 'card') {
    await updateClickedMessage(
      client,
      { userId: body.user.id, channelId: meta.c, messageTs: meta.t },
      outcome.card,
    ).catch(logAfterAck(deps, 'update after form'));
  }
}

export function register(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(oneOf([INTRODUCE_CALLBACK_ID, FORM_CALLBACK_ID]), (args) =>
    args.view.callback_id === INTRODUCE_CALLBACK_ID
      ? submitIntroduction(deps, args as ViewArgs)
      : submitForm(deps, args as ViewArgs),
  );
}
