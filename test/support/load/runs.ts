// The three runs behind `npm run bench -- load` and test/reliability: steady load, a kill -9 in the middle of the
// load followed by a restart on the same file, and two instances on one file. Each returns what it measured.
import { LEASE_TTL_MS } from '../../../src/scheduler/lease.ts';
import { freePort, sampleRss, stopChild, type Child } from './children.ts';
import {
  expireLease,
  leaseHolder,
  nudgesOutstanding,
  outboxCounts,
  startWorld,
  waitUntil,
  type ServerInfo,
  type World,
} from './scenario.ts';

const LEASE_POLL_MS = 100;
import { runTraffic, targetsNeeded, type Ack, type KindResult, type TrafficResult } from './traffic.ts';
import { checkActions, checkNudges, integrity, type ActionCheck, type NudgeCheck } from './verify.ts';
import type { Plan } from './prepare.ts';
import { eventually } from '../eventually.ts';

export interface RunOptions {
  rate: number;
  seconds: number;
  nudgesPerContact: number;
  drainLimitMs: number;
  warmUpSeconds?: number;
}
export interface LoadReport {
  kinds: KindResult[];
  rss: { peakMb: number; lastMb: number };
  actions: ActionCheck;
  nudges: NudgeCheck;
  integrity: string;
  outbox: Record<string, number>;
}
export interface CrashReport extends LoadReport {
  killedAtSeconds: number;
  beforeKill: ActionCheck;
  integrityAfter: string;
  restartReadyMs: number /** Outbox rows marked 'sending' when the process died. */;
  inFlightAtKill: number;
  signal: string;
}
export interface TwoReport extends LoadReport {
  /** Outbox rows marked 'sending' when the holder was killed. */ inFlightAtKill: number;
  bothHeld: number;
  samples: number;
  takeoverMs: number;
  holders: string;
  served: [number, number];
}

async function settle(
  world: World,
  drainLimitMs: number,
): Promise<{ nudges: NudgeCheck; actions: (acks: Ack[]) => ActionCheck }> {
  await waitUntil(() => nudgesOutstanding(world.dbPath) === 0, drainLimitMs);
  const stats = await world.stats();
  return { nudges: checkNudges(world.dbPath, stats), actions: (acks) => checkActions(world.dbPath, acks) };
}

export async function loadRun(o: RunOptions): Promise<LoadReport> {
  const world = await startWorld({
    perChannel: targetsNeeded(o.rate, o.seconds + (o.warmUpSeconds ?? 0)),
    nudgesPerContact: o.nudgesPerContact,
  });
  const warmAcks: Ack[] = [];
  try {
    const server = await world.startServer();
    if (o.warmUpSeconds)
      await runTraffic({
        url: server.info.url,
        connectorUrl: world.fakes.info.connectorUrl,
        rate: o.rate,
        seconds: o.warmUpSeconds,
        plan: world.plan,
        serviceIds: world.plan.serviceIds,
        acks: warmAcks,
      });
    const rss = sampleRss(server.proc.pid!);
    const traffic = await runTraffic({
      url: server.info.url,
      connectorUrl: world.fakes.info.connectorUrl,
      rate: o.rate,
      seconds: o.seconds,
      plan: world.plan,
      serviceIds: world.plan.serviceIds,
    });
    const { nudges, actions } = await settle(world, o.drainLimitMs);
    const memory = rss.stop();
    await stopChild(server);
    return {
      kinds: traffic.kinds,
      rss: memory,
      actions: actions([...warmAcks, ...traffic.acks]),
      nudges,
      integrity: integrity(world.dbPath),
      outbox: outboxCounts(world.dbPath),
    };
  } finally {
    await world.close();
  }
}

/** Load for `seconds`; SIGKILL the server at half time, restart it on the same port and file at once. */
export async function crashRun(o: RunOptions & { waitForLease: boolean }): Promise<CrashReport> {
  const world = await startWorld({
    perChannel: targetsNeeded(o.rate, o.seconds),
    nudgesPerContact: o.nudgesPerContact,
  });
  try {
    const port = await freePort();
    const first = await world.startServer(port);
    const rss = sampleRss(first.proc.pid!);
    const killAfterMs = (o.seconds * 1000) / 2;
    const acks: Ack[] = [];
    const trafficDone: Promise<TrafficResult> = runTraffic({
      url: first.info.url,
      connectorUrl: world.fakes.info.connectorUrl,
      rate: o.rate,
      seconds: o.seconds,
      plan: world.plan,
      serviceIds: world.plan.serviceIds,
      acks,
    });
    await new Promise((r) => setTimeout(r, killAfterMs));
    first.proc.kill('SIGKILL');
    const beforeKill = acks.slice();
    const { signal } = await first.exited;
    const firstRss = rss.stop();
    const check = integrity(world.dbPath);
    const inFlightAtKill = outboxCounts(world.dbPath).sending ?? 0;
    if (!o.waitForLease) expireLease(world.dbPath);
    const restartAt = Date.now();
    const second = await world.startServer(port);
    const restartReadyMs = Date.now() - restartAt;
    const rss2 = sampleRss(second.proc.pid!);
    const traffic = await trafficDone;
    const { nudges, actions } = await settle(world, o.drainLimitMs + (o.waitForLease ? LEASE_TTL_MS : 0));
    const memory = rss2.stop();
    await stopChild(second);
    return {
      kinds: traffic.kinds,
      rss: { peakMb: Math.max(firstRss.peakMb, memory.peakMb), lastMb: memory.lastMb },
      actions: actions(traffic.acks),
      nudges,
      beforeKill: actions(beforeKill),
      integrity: check,
      integrityAfter: integrity(world.dbPath),
      outbox: outboxCounts(world.dbPath),
      killedAtSeconds: killAfterMs / 1000,
      restartReadyMs,
      inFlightAtKill,
      signal: String(signal),
    };
  } finally {
    await world.close();
  }
}

function half(plan: Plan, which: 0 | 1): Plan {
  const pick = <T>(list: T[]) => list.filter((_, i) => i % 2 === which);
  return {
    ...plan,
    targets: { slack: pick(plan.targets.slack), teams: pick(plan.targets.teams), web: pick(plan.targets.web) },
  };
}

/** Two servers on one file, each taking half the traffic; the lease holder is killed half-way. */
export async function twoInstancesRun(o: RunOptions & { waitForLease: boolean }): Promise<TwoReport> {
  const world = await startWorld({
    perChannel: targetsNeeded(o.rate, o.seconds),
    nudgesPerContact: o.nudgesPerContact,
  });
  try {
    const servers = [await world.startServer(), await world.startServer()];
    const rss = sampleRss(servers[0].proc.pid!);
    const watcher = watchLease(servers);
    const traffic = await Promise.all(
      [0, 1].map((i) =>
        runTraffic({
          url: servers[i].info.url,
          connectorUrl: world.fakes.info.connectorUrl,
          rate: o.rate / 2,
          seconds: o.seconds,
          plan: half(world.plan, i as 0 | 1),
          serviceIds: world.plan.serviceIds,
        }),
      ),
    );
    const holder = await currentHolder(servers);
    servers[holder].proc.kill('SIGKILL');
    await servers[holder].exited;
    const inFlightAtKill = outboxCounts(world.dbPath).sending ?? 0;
    if (!o.waitForLease) expireLease(world.dbPath);
    const killedAt = Date.now();
    const other = servers[1 - holder];
    const tookOver = await waitUntil(() => leaseHolder(other.info.url), LEASE_TTL_MS * 2);
    const takeoverMs = tookOver ? Date.now() - killedAt : -1;
    const { nudges, actions } = await settle(world, o.drainLimitMs);
    const seen = await watcher.stop();
    const memory = rss.stop();
    await stopChild(other);
    const acks = [...traffic[0].acks, ...traffic[1].acks];
    const kinds = traffic[0].kinds.map((k, i) => mergeKind(k, traffic[1].kinds[i]));
    return {
      kinds,
      rss: memory,
      actions: actions(acks),
      nudges,
      integrity: integrity(world.dbPath),
      outbox: outboxCounts(world.dbPath),
      ...seen,
      inFlightAtKill,
      takeoverMs,
      served: [traffic[0].acks.length, traffic[1].acks.length],
    };
  } finally {
    await world.close();
  }
}

/** Which server holds the lease: asks both until exactly one says so (a failed look-up under load reads as "no"). */
async function currentHolder(servers: Child<ServerInfo>[]): Promise<number> {
  const oneHolder = async () => {
    const held = await Promise.all(servers.map((s) => leaseHolder(s.info.url)));
    return held.filter(Boolean).length === 1 ? { index: held.indexOf(true) } : null;
  };
  const { index } = await eventually(
    oneHolder,
    'exactly one server to report holding the dispatcher lease',
    100 * LEASE_POLL_MS,
    LEASE_POLL_MS,
  );
  return index;
}

/** Asks both servers every 100 ms whether they hold the dispatcher lease. */
function watchLease(servers: Child<ServerInfo>[]): {
  stop(): Promise<{ samples: number; bothHeld: number; holders: string }>;
} {
  let samples = 0;
  let bothHeld = 0;
  let watching = true;
  const holders = new Set<number>();
  const alive = (s: Child<ServerInfo>) => s.proc.exitCode === null && s.proc.signalCode === null;
  const sample = async () => {
    const held = await Promise.all(servers.map((s) => (alive(s) ? leaseHolder(s.info.url) : false)));
    samples++;
    if (held.every(Boolean)) bothHeld++;
    held.forEach((h, i) => {
      if (h) holders.add(i);
    });
  };
  const loop = (async () => {
    while (watching) {
      await sample();
      await new Promise((r) => setTimeout(r, LEASE_POLL_MS));
    }
  })();
  return {
    async stop() {
      watching = false;
      await loop;
      await sample(); // one last look: the loop may have slept through a takeover that happened just before stop()
      return { samples, bothHeld, holders: [...holders].sort().join('+') };
    },
  };
}

function mergeKind(a: KindResult, b: KindResult): KindResult {
  return {
    kind: a.kind,
    sent: a.sent + b.sent,
    ok: a.ok + b.ok,
    c4xx: a.c4xx + b.c4xx,
    c5xx: a.c5xx + b.c5xx,
    errors: a.errors + b.errors,
    p50: Math.max(a.p50, b.p50),
    p99: Math.max(a.p99, b.p99),
  };
}
