// The press contract through signed Slack interactions (block_actions, view_submission) against a fake Web API.
import { FORM, interactionBody, postSigned } from '../support/slack-sign.ts';
import { blockAction, viewSubmission } from '../support/slack-payloads.ts';
import { SLACK_USERS, startSlackHarness } from '../support/slack-harness.ts';
import { makeService } from '../support/make.ts';
import type { RecordedCall } from '../support/fake-slack-api.ts';
import { FAKE_TEAM_ID } from '../support/fake-slack-api.ts';
import { eventually } from '../support/eventually.ts';
import { pressContract, type Answer } from './press-contract.ts';

type Block = { type: string; block_id?: string; element?: Record<string, unknown> };
type Modal = { callback_id: string; private_metadata: string; blocks: Block[] };

/** What a modal's inputs hold as opened: text, the chosen option, or a ticked single checkbox. */
export function modalValues(modal: Modal): Record<string, string | boolean | undefined> {
  const out: Record<string, string | boolean | undefined> = {};
  for (const b of modal.blocks) {
    const el = b.element as
      | {
          type?: string;
          action_id?: string;
          initial_value?: string;
          initial_option?: { value: string };
          initial_options?: unknown[];
          options?: unknown[];
        }
      | undefined;
    if (b.type !== 'input' || !el?.action_id) continue;
    if (el.type === 'checkboxes') out[el.action_id] = (el.initial_options?.length ?? 0) > 0;
    else out[el.action_id] = el.initial_value ?? el.initial_option?.value;
  }
  return out;
}

const WATCHED = ['chat.update', 'chat.postEphemeral', 'views.open'];

pressContract('slack', async () => {
  const h = await startSlackHarness();
  const at = h.clock.now().toISOString();
  h.container.people.upsert({
    id: 'lee',
    name: 'Lee Okafor',
    email: 'lee@example.org',
    organisation: 'Talk Lambeth',
    role: 'Counsellor',
  });
  h.container.services.upsert(
    makeService({
      id: 'svc-talk',
      name: 'Talking Therapies',
      organisation: 'Talk Lambeth',
      contacts: [{ personId: 'lee', role: 'primary' }],
    }),
    at,
  );
  for (const id of ['jo', 'sam'] as const)
    h.container.people.link(id, { platform: 'slack', tenant: FAKE_TEAM_ID, userId: SLACK_USERS[id] });
  let lastModal: Modal | undefined;
  const userOf = (personId: string) => SLACK_USERS[personId as keyof typeof SLACK_USERS];

  const answerOfCall = (call: RecordedCall): Answer => {
    if (call.method === 'chat.postEphemeral') return { kind: 'refused', text: String(call.body.text) };
    if (call.method === 'chat.update') return { kind: 'card', text: JSON.stringify(call.body.blocks) };
    const modal = (typeof call.body.view === 'string' ? JSON.parse(call.body.view) : call.body.view) as Modal;
    lastModal = modal;
    const meta = JSON.parse(modal.private_metadata) as { s: string };
    return { kind: 'form', text: JSON.stringify(modal), values: modalValues(modal), submit: { subjectId: meta.s } };
  };

  const submit = async (
    personId: string,
    inputs: Record<string, string | boolean>,
    viewId: string,
  ): Promise<Answer> => {
    if (!lastModal) throw new Error('no modal was opened to submit');
    const res = await postSigned(
      h.eventsUrl,
      interactionBody(viewSubmission(userOf(personId), lastModal, inputs, viewId)),
      FORM,
    );
    const body = res.text ? (res.json() as { response_action?: string; errors?: Record<string, string> }) : {};
    return body.response_action === 'errors'
      ? { kind: 'refused', text: JSON.stringify(body.errors) }
      : { kind: 'card', text: res.text };
  };

  return {
    db: h.container.db,
    handoverService: h.container.handoverService,
    handovers: h.container.handovers,
    ids: { introducer: 'jo', contact: 'sam', service: 'svc-mind-lambeth', alternative: 'svc-talk' },
    async press(personId, p) {
      if (p.actionId === 'introduce_submit') return submit(personId, p.inputs ?? {}, 'V0PRESS001');
      const seen = h.api.calls.filter((c) => WATCHED.includes(c.method)).length;
      await postSigned(
        h.eventsUrl,
        interactionBody(blockAction(userOf(personId), p.actionId, { s: p.subjectId, v: p.version })),
        FORM,
      );
      const call = await eventually(
        () => h.api.calls.filter((c) => WATCHED.includes(c.method))[seen],
        `Slack's answer to ${p.actionId}`,
      );
      return answerOfCall(call);
    },
    async submitTwice(personId, p) {
      await Promise.all([submit(personId, p.inputs ?? {}, 'V0TWICE01'), submit(personId, p.inputs ?? {}, 'V0TWICE01')]);
    },
    stop: () => h.close(),
  };
});
