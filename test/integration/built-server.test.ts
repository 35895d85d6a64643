// What `npm start` really runs: `npm run build` bundles src/main.ts into dist/main.mjs, then plain node runs it.
// A bundle puts every module in one file, so this checks that the server still finds its own files (migrations,
// the demo directory, bank holidays, the playground's and reports' static files), answers, and stops cleanly.
import { expect } from 'chai';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT, projectPath } from '../../src/paths.ts';
import { latestSchemaVersion } from '../../src/storage/sqlite.ts';
import { tempDir } from '../support/make.ts';

const BUNDLE = projectPath('dist', 'main.mjs');

describe('the built server that npm start runs (dist/main.mjs under plain node)', function () {
  this.timeout(30_000);
  let tmp: ReturnType<typeof tempDir>;
  let child: ChildProcess;
  let url = '';
  const logLines: Record<string, unknown>[] = [];

  before(async () => {
    const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' });
    expect(build.status, build.stderr).to.equal(0);
    tmp = tempDir('built-server-');
    // Run from another folder, as a service manager might: nothing may depend on the working directory.
    child = spawn(process.execPath, [BUNDLE], {
      cwd: tmp.dir,
      env: { PATH: process.env.PATH, PORT: '0', DATABASE_PATH: join(tmp.dir, 'handover.db'), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logLines.push(entry);
        if (entry.msg === 'Warm Handover is listening') resolve(entry.url as string);
      });
      child.once('exit', (code) => reject(new Error(`the built server exited (${code}) before listening`)));
    });
  });

  after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    tmp.cleanup();
  });

  it('creates the database with every migration and loads the demo directory', async () => {
    const health = (await (await fetch(`${url}/healthz`)).json()) as { status: string; schemaVersion: number };
    expect(health).to.deep.equal({ ...health, status: 'ok', schemaVersion: latestSchemaVersion() });
    expect(
      logLines.some((l) => l.msg === 'loaded the demo directory into an empty database' && Number(l.services) > 0),
    ).to.equal(true);
    const { people } = (await (await fetch(`${url}/playground/api/people`)).json()) as { people: unknown[] };
    expect(people.length).to.be.greaterThan(1);
  });

  it('serves the playground and reports pages with their scripts and styles', async () => {
    for (const path of [
      '/',
      '/playground/static/app.js',
      '/playground/static/app.css',
      '/playground/static/adaptivecards.min.js',
      '/reports',
      '/reports/assets/reports.js',
      '/reports/assets/chart.umd.js',
    ]) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).to.equal(200);
      expect((await res.text()).length, path).to.be.greaterThan(100);
    }
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).to.equal(0);
    expect(logLines.some((l) => l.msg === 'stopping')).to.equal(true);
  });
});
