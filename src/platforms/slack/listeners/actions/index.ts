// Every button the product sends: run the shared action, ack, then show its outcome where it was clicked.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION_IDS, isActionId } from '../../../../cards/model.ts';
import { decodeButtonValue, readViewInputs, togglesIn, type Block, type ViewStateValues } from '../../blocks.ts';
import { followUp, logAfterAck, personFor, type SlackDeps } from '../../deps.ts';
import { UNKNOWN_PERSON_MESSAGE } from '../../identity.ts';
import { showOutcome, tellPrivately, type ClickPlace } from '../../outcome.ts';
import { openStartModal, opensItsOwnModal } from '../../start-modals.ts';

const SOMETHING_WENT_WRONG = 'Something went wrong on our side. Please try again in a moment.';

/** Matches every action id the cards can carry: Slack answers 404 after 3 s to a click nobody listens to. */
export const ANY_CARD_ACTION = new RegExp(`^(${ACTION_IDS.join('|')})$`);

function placeOf(body: BlockAction): ClickPlace {
  const container = body.container as { channel_id?: string; message_ts?: string } | undefined;
  const view = body.view as { id?: string; type?: string } | undefined;
  return {
    userId: body.user.id,
    triggerId: body.trigger_id,
    channelId: container?.channel_id ?? body.channel?.id,
    messageTs: container?.message_ts ?? body.message?.ts,
    ...(view?.type === 'modal' && view.id ? { viewId: view.id } : {}),
  };
}

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: ANY_CARD_ACTION },
    async ({ ack, body, action, client, context }) => {
      // The change is committed before the ack: a click Slack was told we received is never lost to a crash.
      // The shared action is one short SQLite transaction, far inside Slack's 3 seconds; building the card and
      // showing it come after the ack.
      const place = placeOf(body);
      const what = `action ${action.action_id}`;
      const log = logAfterAck(deps, what);
      const failed = (err: unknown) => {
        log(err);
        return tellPrivately(client, place, SOMETHING_WENT_WRONG).catch(log);
      };
      const reply = (text: string) => followUp(deps, what, () => tellPrivately(client, place, text));
      let acked = false;
      const ackOnce = async () => {
        if (!acked) {
          acked = true;
          await ack();
        }
      };
      try {
        const person = await personFor(deps, client, context.teamId ?? body.team?.id, body.user.id);
        if (!person) {
          await ackOnce();
          reply(UNKNOWN_PERSON_MESSAGE);
          return;
        }
        const value = decodeButtonValue(action.value);
        if (!value || !isActionId(action.action_id)) {
          await ackOnce();
          reply('That button is not valid any more.');
          return;
        }
        const teamId = context.teamId ?? body.team?.id ?? '';
        if (opensItsOwnModal(action.action_id, value.s)) {
          await ackOnce();
          followUp(deps, what, () =>
            openStartModal(
              deps,
              client,
              { teamId, userId: body.user.id, triggerId: body.trigger_id, channelId: place.channelId },
              action.action_id,
            ),
          );
          return;
        }
        const shownIn =
          place.channelId && place.messageTs
            ? { conversationId: place.channelId, messageId: place.messageTs }
            : undefined;
        // A message with inputs beside a button (the note by "We've made contact") sends what was typed in state.values.
        const values = body.state?.values as ViewStateValues | undefined;
        const inputs = values ? readViewInputs(values, togglesIn((body.message?.blocks ?? []) as Block[])) : {};
        const prepared = await deps.prepareAction({
          actorId: person.id,
          actionId: action.action_id,
          subjectId: value.s,
          version: value.v,
          inputs,
          shownIn,
        });
        await ackOnce();
        followUp(deps, what, () => showOutcome(client, place, prepared.render()), failed);
      } catch (err) {
        await ackOnce();
        followUp(deps, what, () => failed(err));
      }
    },
  );
}
