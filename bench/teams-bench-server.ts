// Child process for the Teams benchmark: `ours` (the real platform on a temp db, N handovers ready to accept) or
// `bare` (a bare botbuilder bot answering the same activities). Prints one JSON line {port, handoverIds}.
// Replies go to the serviceUrl in each activity: the parent's fake Bot Connector.
import { createServer } from 'node:http';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, TeamsActivityHandler, type AdaptiveCardInvokeResponse } from 'botbuilder';
import { introduceInput } from '../test/fixtures/make.ts';
import { startTeamsWorld } from '../test/integration/teams-world.ts';

const [mode, count] = process.argv.slice(2);

async function bare(): Promise<void> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '' } as ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0]));
  const bot = new (class extends TeamsActivityHandler {
    constructor() { super(); this.onMessage(async (ctx, next) => { await ctx.sendActivity('ok'); await next(); }); }
    protected async onAdaptiveCardInvoke(): Promise<AdaptiveCardInvokeResponse> {
      return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Accepted' }] } };
    }
  })();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const shim = {
      socket: req.socket, status: (s: number) => { res.statusCode = s; }, header: (k: string, v: string) => res.setHeader(k, v),
      send: (b: unknown) => { if (typeof b === 'object') res.setHeader('content-type', 'application/json'); res.write(typeof b === 'string' ? b : JSON.stringify(b)); }, end: () => res.end(),
    };
    await adapter.process({ method: req.method, headers: req.headers as Record<string, string>, body: JSON.parse(Buffer.concat(chunks).toString()) }, shim, (ctx) => bot.run(ctx));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  process.stdout.write(`${JSON.stringify({ port: (server.address() as { port: number }).port, handoverIds: [] })}\n`);
}

async function ours(): Promise<void> {
  const w = await startTeamsWorld();
  for (const who of ['jo', 'sam', 'alex', 'kim'] as const) w.linkTeams(who);
  const ids: string[] = [];
  for (let i = 0; i < Number(count); i++) ids.push(w.container.app.introduce('jo', introduceInput()).id);
  process.stdout.write(`${JSON.stringify({ port: Number(new URL(w.url).port), handoverIds: ids })}\n`);
}

await (mode === 'bare' ? bare() : ours());
