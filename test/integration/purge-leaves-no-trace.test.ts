// After a purge the client's details are gone from the file itself, not only from the tables: `strings` on the
// database, its write-ahead log or a backup taken afterwards finds none of them.
import { expect } from 'chai';
import Database from 'better-sqlite3';
import { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../src/main/start.ts';
import { backupDatabase } from '../../src/cli/backup-command.ts';
import { registerPurgeCommands } from '../../src/cli/purge-command.ts';
import { readConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { DEMO_PEOPLE, DEMO_SERVICE_ID } from '../../src/directory-io/demo-directory.ts';
import { openDatabase } from '../../src/storage/sqlite.ts';
import { DAY_MS, FixedClock, tempDir } from '../support/make.ts';

/** A unique marker in every field that can hold something about the client. */
const MARKERS = {
  clientName: 'QZXNAME7731',
  needs: 'QZXNEEDS7731 wants help with debts',
  reasonForService: 'QZXREASON7731',
  contactMethod: 'QZXMETHOD7731',
  contactTimes: 'QZXTIMES7731',
  contactDetails: 'QZXPHONE7731 07700 900123',
  language: 'QZXLANG7731',
  disability: 'QZXACCESS7731',
  note: 'QZXNOTE7731 rang twice',
  declineNote: 'QZXWITHDRAW7731',
};
const MARKER_ROOT = 'QZX';

async function act(app: RunningApp, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${app.url}/playground/api/actions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.text()).to.equal(200);
}

/** Every marker (or any leftover piece of one) found in the raw bytes of a file. */
function markersIn(file: string): string[] {
  if (!existsSync(file)) return [];
  const bytes = readFileSync(file);
  const found = Object.values(MARKERS)
    .map((m) => m.split(' ')[0])
    .filter((m) => bytes.includes(m));
  return bytes.includes(MARKER_ROOT) && found.length === 0 ? [MARKER_ROOT] : found;
}

describe('purge: the client details leave the database file, its log and later backups', () => {
  let app: RunningApp;
  let tmp: ReturnType<typeof tempDir>;
  let path: string;
  const clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));
  before(async () => {
    tmp = tempDir('purge-trace-');
    path = join(tmp.dir, 'handover.db');
    app = await startApp(readConfig({ PORT: '0', DATABASE_PATH: path, LOG_LEVEL: 'silent' }), createLogger('silent'), {
      clock,
      scheduler: false,
    });
  });
  after(async () => {
    await app.stop();
    tmp.cleanup();
  });

  async function purgeCommand(): Promise<string[]> {
    const lines: string[] = [];
    const program = new Command('handover').exitOverride();
    registerPurgeCommands(program, {
      openDb: () => openDatabase(path),
      now: () => clock.now(),
      out: (l) => lines.push(l),
    });
    await program.parseAsync(['purge'], { from: 'user' });
    return lines;
  }

  /** An introduction with a marker in every client field, a note, delivered cards, withdrawn: closed today. */
  async function closedIntroductionFullOfMarkers(): Promise<string> {
    await act(app, {
      as: DEMO_PEOPLE.introducer,
      actionId: 'introduce_submit',
      subjectId: DEMO_SERVICE_ID,
      inputs: {
        clientName: MARKERS.clientName,
        needs: MARKERS.needs,
        reasonForService: MARKERS.reasonForService,
        contactMethod: MARKERS.contactMethod,
        contactTimes: MARKERS.contactTimes,
        contactDetails: MARKERS.contactDetails,
        language: MARKERS.language,
        disability: MARKERS.disability,
        consent: 'true',
      },
    });
    const { id } = app.container.db
      .prepare('SELECT id FROM handovers ORDER BY created_at DESC, rowid DESC LIMIT 1')
      .get() as { id: string };
    await act(app, { as: DEMO_PEOPLE.contact, actionId: 'accept', subjectId: id });
    await act(app, {
      as: DEMO_PEOPLE.introducer,
      actionId: 'add_note_submit',
      subjectId: id,
      inputs: { text: MARKERS.note },
    });
    await app.nudges.dispatcher.runOnce();
    await act(app, {
      as: DEMO_PEOPLE.introducer,
      actionId: 'withdraw_confirmed',
      subjectId: id,
      inputs: { note: MARKERS.declineNote },
    });
    await app.nudges.dispatcher.runOnce();
    app.container.db.pragma('wal_checkpoint(PASSIVE)');
    expect(
      markersIn(path).length + markersIn(`${path}-wal`).length,
      'the markers are there before the purge',
    ).to.be.greaterThan(3);
    return id;
  }

  async function expectNoMarkerAnywhere(backupName: string): Promise<void> {
    expect(markersIn(path), 'database file').to.deep.equal([]);
    expect(markersIn(`${path}-wal`), 'write-ahead log').to.deep.equal([]);
    const backup = join(tmp.dir, backupName);
    await backupDatabase({ openDb: () => openDatabase(path) }, backup);
    expect(markersIn(backup), 'backup taken after the purge').to.deep.equal([]);
  }

  it('given an introduction with a marker in every client field, a note and delivered cards, when it is withdrawn and `handover purge` runs 91 days later, then no marker is in the database, its -wal or a backup', async () => {
    const id = await closedIntroductionFullOfMarkers();
    clock.advance(91 * DAY_MS);
    expect((await purgeCommand()).join('\n')).to.contain(
      '1 introduction(s) closed more than 90 days ago, or sent more than 180 days ago, purged.',
    );
    await app.nudges.dispatcher.runOnce();
    await expectNoMarkerAnywhere('after-cli-purge.db');
    expect(app.container.handovers.find(id)!.state, 'the introduction itself stays, for the statistics').to.equal(
      'withdrawn',
    );
  });

  it("given the same, when the server's own sweep purges it, then no marker is in the database, its -wal or a backup", async () => {
    const id = await closedIntroductionFullOfMarkers();
    clock.advance(91 * DAY_MS);
    expect(app.nudges.sweep().purged).to.equal(1);
    await app.nudges.dispatcher.runOnce();
    await expectNoMarkerAnywhere('after-sweep.db');
    expect(app.container.handovers.find(id)!.purgedAt).to.be.a('string');
  });

  it('given a database file from before this version, whose free pages still hold deleted client details, when this version opens it, then the file is rebuilt and they are gone', () => {
    const old = join(tmp.dir, 'from-before.db');
    const before = new Database(old);
    before.pragma('journal_mode = WAL');
    before.exec('CREATE TABLE scratch (text TEXT)');
    const insert = before.prepare('INSERT INTO scratch (text) VALUES (?)');
    for (let i = 0; i < 200; i++) insert.run(`${MARKERS.clientName} ${MARKERS.needs} ${i}`);
    before.exec('DELETE FROM scratch');
    before.close();
    expect(markersIn(old), 'deleted, but still in the file').to.include(MARKERS.clientName);

    const opened = openDatabase(old);
    expect(opened.pragma('auto_vacuum', { simple: true }), 'incremental auto-vacuum from now on').to.equal(2);
    opened.close();
    expect(markersIn(old)).to.deep.equal([]);
  });
});
