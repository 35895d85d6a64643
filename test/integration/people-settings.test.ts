import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { exportDirectory, importDirectory } from '../../src/directory-io/directory-files.ts';
import { DirectoryImportError, personIdForEmail } from '../../src/directory-io/record.ts';
import { PeopleStore } from '../../src/storage/people-store.ts';
import { openDatabase, type Db } from '../../src/storage/sqlite.ts';
import { tempDir } from '../support/make.ts';

const NOW = new Date('2026-11-23T10:00:00Z');
const GOOD = readFileSync(new URL('../fixtures/directory-csv/good.csv', import.meta.url), 'utf8');

/** good.csv with Sam in Paris working 08:00-16:00 on a digest, and his backup Alex in Dublin. */
function withSettings(csv: string): string {
  const [header, ...rows] = csv.trim().split('\n');
  const head = header.replace(
    'backup_contacts',
    'primary_contact_time_zone,primary_contact_working_hours,primary_contact_digest,backup_contacts',
  );
  const body = rows.map((r) => {
    if (r.startsWith('mind-wellbeing')) {
      return r.replace(
        ',T0001:U0001,Alex Morgan (Service manager) <alex.morgan@example.org>',
        ',T0001:U0001,Europe/Paris,08:00-16:00,daily,Alex Morgan (Service manager) <alex.morgan@example.org> [Europe/Dublin]',
      );
    }
    const cells = r.split(',');
    return [...cells.slice(0, -1), '', '', '', cells.at(-1)].join(',');
  });
  return [head, ...body].join('\n') + '\n';
}

function settingsOf(db: Db, email: string) {
  const p = new PeopleStore(db).get(personIdForEmail(email))!;
  return { timeZone: p.timeZone, workingHours: p.workingHours, digest: p.digest };
}

describe('people settings in directory files', () => {
  let tmp: ReturnType<typeof tempDir>;
  let n = 0;
  const open = () => openDatabase(`${tmp.dir}/db-${++n}.db`);
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('given a CSV with time zones, working hours and a digest, when imported, exported and imported elsewhere, then everyone keeps their settings', () => {
    const first = open();
    importDirectory(first, withSettings(GOOD), 'csv', NOW);
    expect(settingsOf(first, 'sam.patel@example.org')).to.deep.equal({
      timeZone: 'Europe/Paris',
      workingHours: { start: 8, end: 16 },
      digest: true,
    });
    expect(settingsOf(first, 'alex.morgan@example.org')).to.deep.equal({
      timeZone: 'Europe/Dublin',
      workingHours: null,
      digest: false,
    });

    const csv = exportDirectory(first, 'csv');
    expect(csv)
      .to.contain('Europe/Paris,08:00-16:00,daily')
      .and.contain('Alex Morgan (Service manager) <alex.morgan@example.org> [Europe/Dublin]');
    const second = open();
    importDirectory(second, csv, 'csv', NOW);
    expect(settingsOf(second, 'sam.patel@example.org')).to.deep.equal(settingsOf(first, 'sam.patel@example.org'));
    expect(settingsOf(second, 'alex.morgan@example.org')).to.deep.equal(settingsOf(first, 'alex.morgan@example.org'));
  });

  it('given the same settings, when exported as Open Referral UK and imported elsewhere, then everyone keeps their settings', () => {
    const first = open();
    importDirectory(first, withSettings(GOOD), 'csv', NOW);
    const second = open();
    importDirectory(second, exportDirectory(first, 'oruk'), 'oruk', NOW);
    expect(settingsOf(second, 'sam.patel@example.org')).to.deep.equal({
      timeZone: 'Europe/Paris',
      workingHours: { start: 8, end: 16 },
      digest: true,
    });
    expect(settingsOf(second, 'alex.morgan@example.org').timeZone).to.equal('Europe/Dublin');
  });

  it('given a file that leaves settings blank, when imported again, then the settings people already have stay', () => {
    const db = open();
    importDirectory(db, withSettings(GOOD), 'csv', NOW);
    importDirectory(db, GOOD, 'csv', NOW);
    expect(settingsOf(db, 'sam.patel@example.org').timeZone).to.equal('Europe/Paris');
  });

  it('given a misspelt time zone and backwards hours, when imported, then the line says what to write and nothing is imported', () => {
    const db = open();
    const bad = withSettings(GOOD).replace('Europe/Paris,08:00-16:00', 'Europe/Pariss,16:00-08:00');
    let problems: { where: string; reason: string }[] = [];
    try {
      importDirectory(db, bad, 'csv', NOW);
    } catch (err) {
      if (!(err instanceof DirectoryImportError)) throw err;
      problems = err.problems;
    }
    expect(problems).to.deep.include({
      where: 'line 2',
      reason: '"Europe/Pariss" is not a time zone; write it like Europe/London.',
    });
    expect(problems).to.deep.include({
      where: 'line 2',
      reason: '"16:00-08:00" are not working hours; write whole hours like 09:00-17:00.',
    });
    expect(new PeopleStore(db).all()).to.deep.equal([]);
  });
});
