// The press contract through the playground's HTTP API (a real server on 127.0.0.1, the demo directory).
import { actionsOf, inputsOf } from '../fixtures/teams/card-parts.ts';
import { startPlayground } from '../support/start-playground.ts';
import { pressContract, type Answer, type Press } from './press-contract.ts';

type Body = { kind?: string; card?: unknown; form?: unknown; message?: string };

function values(card: unknown): Record<string, string | boolean | undefined> {
  const out: Record<string, string | boolean | undefined> = {};
  for (const i of inputsOf(card)) out[i.id] = i.type === 'Input.Toggle' ? i.value === 'true' : i.value;
  return out;
}

export function answerOf(status: number, body: Body): Answer {
  if (status !== 200) return { kind: 'refused', text: body.message ?? JSON.stringify(body) };
  const text = JSON.stringify(body.card);
  if (body.kind !== 'form') return { kind: 'card', text };
  const submit = actionsOf(body.card).find((a) => a.data?.actionId === 'introduce_submit')?.data ?? {};
  return {
    kind: 'form',
    text,
    values: values(body.card),
    submit: { subjectId: String(submit.subjectId ?? ''), key: submit.key as string | undefined },
  };
}

pressContract('web playground', async () => {
  const p = await startPlayground();
  const post = async (personId: string, x: Press, key?: string) => {
    const res = await fetch(`${p.url}/playground/api/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        as: personId,
        actionId: x.actionId,
        subjectId: x.subjectId,
        version: x.version ?? 0,
        inputs: x.inputs ?? {},
        ...(key ? { key } : {}),
      }),
    });
    return answerOf(res.status, (await res.json()) as Body);
  };
  return {
    db: p.db,
    handoverService: p.handoverService,
    handovers: p.handovers,
    ids: {
      introducer: p.people.introducer,
      contact: p.people.contact,
      service: 'mind-lambeth-wellbeing',
      alternative: 'lambeth-talking-therapies',
    },
    press: (personId, x) => post(personId, x, typeof x.inputs?.key === 'string' ? x.inputs.key : undefined),
    submitTwice: async (personId, x, form) => {
      await Promise.all([post(personId, x, form.submit.key), post(personId, x, form.submit.key)]);
    },
    stop: () => p.stop(),
  };
});
