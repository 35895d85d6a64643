import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { OutboxStore } from '../../src/storage/outbox-store.ts';
import { makeWorld, PEOPLE, type World } from '../support/make.ts';

const MESSAGES = 60;
const KILL_AFTER = 20;
const ROOT = join(import.meta.dirname, '../..');

/** The recipient: dedupes by idempotency key (like Slack/Teams/web messengers do) and counts. */
function fakeRecipient(onRequest: (n: number) => void) {
  const delivered = new Map<string, number>();
  const requests: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const { key } = JSON.parse(body) as { key: string };
      requests.push(key);
      if (!delivered.has(key)) delivered.set(key, delivered.size + 1);
      onRequest(requests.length);
      setTimeout(() => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ messageId: `m${delivered.get(key)}` }));
      }, 5);
    });
  });
  return { server, delivered, requests };
}

function runChild(
  db: string,
  url: string,
): { child: ChildProcess; exited: Promise<{ code: number | null; signal: string | null; out: string }> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/support/crash-dispatcher.ts', db, url, 'instance-1'],
    { cwd: ROOT },
  );
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, out })),
  );
  return { child, exited };
}

describe('crash safety of the dispatcher', function () {
  this.timeout(60_000);
  let w: World;
  let server: Server;
  afterEach(() => {
    server?.close();
    w.cleanup();
  });

  it('given the dispatcher is killed with SIGKILL mid-way, after a restart every message is delivered, each key once', async () => {
    w = makeWorld();
    const outbox = new OutboxStore(w.db);
    const people = Object.keys(PEOPLE);
    for (let i = 0; i < MESSAGES; i++) {
      const personId = people[i % people.length];
      outbox.enqueue(
        {
          idempotencyKey: `H-${i}/nudge/${personId}`,
          recipient: { personId },
          card: { kind: 'nudge', subjectId: `H-${i}` },
          mode: 'new',
        },
        w.clock.now(),
      );
    }
    let first: ChildProcess | null = null;
    const fake = fakeRecipient((n) => {
      if (n === KILL_AFTER) first?.kill('SIGKILL');
    });
    server = fake.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

    const run1 = runChild(w.path, url);
    first = run1.child;
    const killed = await run1.exited;
    expect(killed.signal).to.equal('SIGKILL');
    expect(outbox.counts().sent).to.be.lessThan(MESSAGES);
    expect(outbox.counts().sending).to.be.greaterThan(0); // the crash left messages half-sent

    const run2 = await runChild(w.path, url).exited;
    expect(run2.out).to.contain('done');
    expect(outbox.counts()).to.include({ sent: MESSAGES, pending: 0, sending: 0, dead: 0 });
    expect(fake.delivered.size).to.equal(MESSAGES);
    expect(fake.requests.length).to.be.greaterThan(MESSAGES); // some were sent again after the crash ...
    expect(new Set(fake.requests).size).to.equal(MESSAGES); // ... with the same keys, so each arrived once
  });
});
