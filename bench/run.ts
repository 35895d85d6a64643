// `npm run bench`: runs each benchmark in turn and prints its figures. Nothing here is asserted;
// ratios are against baselines measured in the same run. `npm run bench -- core sweep` runs a subset.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const BENCHES: Record<string, string> = {
  core: 'core-bench.ts',
  sweep: 'sweep-bench.ts',
  dispatch: 'dispatch-bench.ts',
  playground: 'playground-bench.ts',
  slack: 'slack-bench.ts',
  teams: 'teams-bench.ts',
  accept: 'accept-bench.ts',
  load: 'load-bench.ts',
  import: 'import-bench.ts',
};

const wanted = process.argv.slice(2);
const names = wanted.length ? wanted : Object.keys(BENCHES);
for (const name of names) {
  const file = BENCHES[name];
  if (!file) {
    console.log(`Unknown benchmark "${name}". Known: ${Object.keys(BENCHES).join(', ')}`);
    process.exitCode = 2;
    continue;
  }
  const path = join(import.meta.dirname, file);
  if (!existsSync(path)) {
    console.log(`\n## ${name}: not written yet (${file})`);
    continue;
  }
  console.log(`\n## ${name}`);
  const started = Date.now();
  try {
    const mod = (await import(path)) as { run(): Promise<Record<string, unknown>> };
    const figures = await mod.run();
    for (const [k, v] of Object.entries(figures))
      console.log(`  ${k.padEnd(52)} ${typeof v === 'object' ? JSON.stringify(v) : v}`);
  } catch (err) {
    console.log(`  failed: ${(err as Error).stack ?? err}`);
    process.exitCode = 1;
  }
  console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
