// Slack: a signed /handover (→ ack, modal opened) and a signed block_actions Accept (→ state change → ack) at a
// fixed 200 requests/s, against a bare Bolt app acking the same signed payloads in the same run. Each server runs
// in its own child process (RSS from /proc); both call one local fake Slack Web API.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { FakeSlackApi } from '../test/fixtures/fake-slack-api.ts';
import { blockAction, slashCommand } from '../test/fixtures/slack-payloads.ts';
import { SLACK_USERS } from '../test/fixtures/slack-harness.ts';
import { FORM, commandBody, interactionBody, signedHeaders } from '../test/fixtures/slack-sign.ts';
import { round } from './stats.ts';

const RATE = 200;
const SECONDS = 10;
const CONNECTIONS = 20;
const WARM_UP_SECONDS = 1;
const HANDOVERS = RATE * (SECONDS + WARM_UP_SECONDS) + RATE;

interface Child { proc: ChildProcess; port: number; handoverIds: string[] }

async function startChild(mode: 'ours' | 'bare', apiUrl: string): Promise<Child> {
  const args = ['--import', 'tsx', join(import.meta.dirname, 'slack-bench-server.ts'), mode, String(mode === 'ours' ? HANDOVERS : 0), apiUrl];
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once('line', resolve);
    proc.once('exit', (code) => reject(new Error(`${mode} server exited (${code})`)));
  });
  return { proc, ...(JSON.parse(first) as { port: number; handoverIds: string[] }) };
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024, 1);
}

type Load = { p50: number; p99: number; errors: number; non2xx: number; sent: number };

/** Each request is signed as it is sent, so the timestamp is always fresh. */
async function load(port: number, body: () => string, seconds = SECONDS): Promise<Load> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/slack/events`, method: 'POST', connections: CONNECTIONS, overallRate: RATE, duration: seconds,
    requests: [{ setupRequest: (req) => { const b = body(); return { ...req, body: b, headers: signedHeaders(b, FORM) }; } }],
  });
  return { p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts, non2xx: result.non2xx, sent: result.requests.total };
}

const commandBodies = () => { const b = commandBody(slashCommand()); return () => b; };

function acceptBodies(ids: string[]): () => string {
  let i = 0;
  return () => interactionBody(blockAction(SLACK_USERS.sam, 'accept', { s: ids[i++ % Math.max(1, ids.length)] ?? 'H-bare', v: 1 }));
}

export async function run(): Promise<Record<string, unknown>> {
  const api = new FakeSlackApi();
  const apiUrl = await api.start();
  for (const [person, id] of Object.entries(SLACK_USERS)) api.addUser({ id, email: `${person}@example.org` });
  const bare = await startChild('bare', apiUrl);
  const ours = await startChild('ours', apiUrl);
  try {
    const oursAccept = acceptBodies(ours.handoverIds);
    for (const [port, bodies] of [[bare.port, commandBodies()], [ours.port, commandBodies()], [bare.port, acceptBodies([])], [ours.port, oursAccept]] as const) {
      await load(port, bodies, WARM_UP_SECONDS);
    }
    const bareCmd = await load(bare.port, commandBodies());
    const oursCmd = await load(ours.port, commandBodies());
    const bareAcc = await load(bare.port, acceptBodies([]));
    const oursAcc = await load(ours.port, oursAccept);
    const bareRss = rssMb(bare.proc.pid!);
    const oursRss = rssMb(ours.proc.pid!);
    const ratio = (a: number, b: number) => round(a / Math.max(b, 1), 2);
    return {
      'rate (req/s) × seconds': `${RATE} × ${SECONDS}`,
      '/handover: bare p50 / p99 (ms)': `${bareCmd.p50} / ${bareCmd.p99}`,
      '/handover: ours p50 / p99 (ms)': `${oursCmd.p50} / ${oursCmd.p99}`,
      '/handover: p50 ratio, p99 ratio (≤ 1.5)': `${ratio(oursCmd.p50, bareCmd.p50)}, ${ratio(oursCmd.p99, bareCmd.p99)}`,
      'accept: bare p50 / p99 (ms)': `${bareAcc.p50} / ${bareAcc.p99}`,
      'accept: ours p50 / p99 (ms)': `${oursAcc.p50} / ${oursAcc.p99}`,
      'accept: p50 ratio, p99 ratio (≤ 1.5)': `${ratio(oursAcc.p50, bareAcc.p50)}, ${ratio(oursAcc.p99, bareAcc.p99)}`,
      'errors + timeouts / non-2xx (ours)': `${oursCmd.errors + oursAcc.errors} / ${oursCmd.non2xx + oursAcc.non2xx}`,
      'errors + timeouts / non-2xx (bare)': `${bareCmd.errors + bareAcc.errors} / ${bareCmd.non2xx + bareAcc.non2xx}`,
      'requests sent (ours cmd + accept)': oursCmd.sent + oursAcc.sent,
      'RSS bare / ours (MB), ratio (≤ 1.5)': `${bareRss} / ${oursRss}, ${ratio(oursRss, bareRss)}`,
      'modals opened (fake API views.open)': api.callsTo('views.open').length,
    };
  } finally {
    bare.proc.kill();
    ours.proc.kill();
    await api.stop();
  }
}
