// The press contract through Bot Framework invokes (Universal Actions, task/fetch, task/submit) on a real server.
import { activity, TEAMS_USERS } from '../fixtures/teams/activities.ts';
import { actionsOf, inputsOf } from '../fixtures/teams/card-parts.ts';
import { makeService } from '../support/make.ts';
import { startTeamsWorld, type Reply } from '../support/teams-world.ts';
import { pressContract, type Answer } from './press-contract.ts';

const DIALOG_OPENERS = new Set(['reintroduce']);

function dialogAnswer(body: Reply | undefined): Answer {
  const task = body?.task;
  if (!task) return { kind: 'refused', text: JSON.stringify(body) };
  if (task.type === 'message') return { kind: 'card', text: String(task.value) };
  const card = (task.value as { card: { content: unknown } }).card.content;
  const submit = actionsOf(card).find((a) => a.data?.actionId === 'introduce_submit')?.data ?? {};
  const values: Record<string, string | boolean | undefined> = {};
  for (const i of inputsOf(card)) values[i.id] = i.type === 'Input.Toggle' ? i.value === 'true' : i.value;
  const text = JSON.stringify(card);
  if (!submit.subjectId) return { kind: 'refused', text };
  return {
    kind: 'form',
    text,
    values,
    submit: { subjectId: String(submit.subjectId), key: submit.key as string | undefined },
  };
}

pressContract('teams', async () => {
  const w = await startTeamsWorld();
  const at = w.clock.now().toISOString();
  w.container.people.upsert({
    id: 'lee',
    name: 'Lee Okafor',
    email: 'lee@example.org',
    organisation: 'Talk Lambeth',
    role: 'Counsellor',
  });
  w.container.services.upsert(
    makeService({
      id: 'svc-talk',
      name: 'Talking Therapies',
      organisation: 'Talk Lambeth',
      contacts: [{ personId: 'lee', role: 'primary' }],
    }),
    at,
  );
  w.linkTeams('jo');
  w.linkTeams('sam');
  const user = (personId: string) => TEAMS_USERS[personId as keyof typeof TEAMS_USERS];
  const submitTask = async (personId: string, data: Record<string, unknown>) => {
    const a = activity('task-submit', user(personId), w.connector.url);
    (a.value as Record<string, unknown>).data = data;
    return dialogAnswer((await w.post(a)).body);
  };
  return {
    db: w.container.db,
    handoverService: w.container.handoverService,
    handovers: w.container.handovers,
    ids: { introducer: 'jo', contact: 'sam', service: 'svc-mind-lambeth', alternative: 'svc-talk' },
    async press(personId, p) {
      if (p.actionId === 'introduce_submit')
        return submitTask(personId, { actionId: p.actionId, subjectId: p.subjectId, ...p.inputs });
      if (DIALOG_OPENERS.has(p.actionId)) {
        const a = activity('task-fetch', user(personId), w.connector.url);
        (a.value as Record<string, unknown>).data = {
          msteams: { type: 'task/fetch' },
          actionId: p.actionId,
          subjectId: p.subjectId,
        };
        return dialogAnswer((await w.post(a)).body);
      }
      const a = activity('invoke-adaptive-card-action', user(personId), w.connector.url, {
        verb: p.actionId,
        subjectId: p.subjectId,
      });
      const action = (a.value as { action: { data: Record<string, unknown> } }).action;
      action.data = { subjectId: p.subjectId, ...(p.version === undefined ? {} : { version: p.version }), ...p.inputs };
      const body = (await w.post(a)).body;
      if (body?.type === 'application/vnd.microsoft.card.adaptive')
        return { kind: 'card', text: JSON.stringify(body.value) };
      return { kind: 'refused', text: String(body?.value ?? JSON.stringify(body)) };
    },
    async submitTwice(personId, p, form) {
      const data = {
        actionId: p.actionId,
        subjectId: p.subjectId,
        ...p.inputs,
        ...(form.submit.key ? { key: form.submit.key } : {}),
      };
      await Promise.all([submitTask(personId, data), submitTask(personId, data)]);
    },
    stop: () => w.stop(),
  };
});
