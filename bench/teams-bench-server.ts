// Child process for the Teams benchmark: `seed` (writes the database: people and N handovers ready to accept,
// then exits), `ours` (the real platform on that database, started fresh as after a restart),
// `bare` (a bare botbuilder bot answering the same activities) or `connector` (the fake Bot Connector both reply
// to: the serviceUrl in each activity). Prints one JSON line {port, handoverIds} (or {url} for the connector).
// Only 'ours' loads the product's modules (dynamic imports), so the bare bot's memory is botbuilder's alone.
import { createServer } from 'node:http';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
} from 'botbuilder';

const [mode, count, dbPath] = process.argv.slice(2);

async function bare(): Promise<void> {
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
    } as ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0]),
  );
  const bot = new (class extends TeamsActivityHandler {
    constructor() {
      super();
      this.onMessage(async (ctx, next) => {
        await ctx.sendActivity('ok');
        await next();
      });
    }
    protected async onAdaptiveCardInvoke(): Promise<AdaptiveCardInvokeResponse> {
      return {
        statusCode: 200,
        type: 'application/vnd.microsoft.card.adaptive',
        value: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Accepted' }] },
      };
    }
  })();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const shim = {
      socket: req.socket,
      status: (s: number) => {
        res.statusCode = s;
      },
      header: (k: string, v: string) => res.setHeader(k, v),
      send: (b: unknown) => {
        if (typeof b === 'object') res.setHeader('content-type', 'application/json');
        res.write(typeof b === 'string' ? b : JSON.stringify(b));
      },
      end: () => res.end(),
    };
    await adapter.process(
      {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: JSON.parse(Buffer.concat(chunks).toString()),
      },
      shim,
      (ctx) => bot.run(ctx),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  process.stdout.write(`${JSON.stringify({ port: (server.address() as { port: number }).port, handoverIds: [] })}\n`);
}

/** A separate process before the run: the database ours starts on, with the people and `count` introductions. */
async function seed(): Promise<void> {
  const { introduceInput } = await import('../test/support/make.ts');
  const { startTeamsWorld } = await import('../test/support/teams-world.ts');
  const w = await startTeamsWorld({ databasePath: dbPath });
  for (const who of ['jo', 'sam', 'alex', 'kim'] as const) w.linkTeams(who);
  const ids: string[] = [];
  for (let i = 0; i < Number(count); i++) ids.push(w.container.handoverService.introduce('jo', introduceInput()).id);
  await w.stop();
  process.stdout.write(`${JSON.stringify({ port: 0, handoverIds: ids })}\n`);
}

/** The real Teams platform on the seeded database, started fresh as after a restart. */
async function ours(): Promise<void> {
  const { startTeamsWorld } = await import('../test/support/teams-world.ts');
  const w = await startTeamsWorld({ databasePath: dbPath, existing: true });
  const { startCheckpointer } = await import('../src/storage/checkpointer.ts');
  startCheckpointer(w.container.db); // as startApp does: WAL checkpoints in a worker, not inside a request's commit
  process.stdout.write(`${JSON.stringify({ port: Number(new URL(w.url).port), handoverIds: [] })}\n`);
}

async function connector(): Promise<void> {
  const { FakeBotConnector } = await import('../test/support/fake-bot-connector.ts');
  const fake = new FakeBotConnector();
  process.stdout.write(`${JSON.stringify({ url: await fake.start() })}\n`);
}

await (mode === 'bare' ? bare() : mode === 'connector' ? connector() : mode === 'seed' ? seed() : ours());
// Exit normally on SIGTERM so that `node --cpu-prof` (when profiling a run by hand) writes its profile.
process.once('SIGTERM', () => process.exit(0));
