import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { exportDirectory, importDirectory, readDirectory } from '../../src/directory-io/directory-files.ts';
import { DirectoryImportError } from '../../src/directory-io/record.ts';
import { PeopleStore } from '../../src/storage/people-store.ts';
import { ServiceStore } from '../../src/storage/service-store.ts';
import { openDatabase, type Db } from '../../src/storage/sqlite.ts';
import { tempDir } from '../support/make.ts';

const NOW = new Date('2026-11-23T10:00:00Z');
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const GOOD = fixture('directory-csv/good.csv');
const [HEADER, ROW_1, ROW_2, ROW_3] = GOOD.trim().split('\n');

function problemsOf(fn: () => unknown): { where: string; reason: string }[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof DirectoryImportError) return err.problems;
    throw err;
  }
  throw new Error('expected the import to be refused');
}

describe('directory import: CSV', () => {
  let db: Db;
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
    db = openDatabase(`${tmp.dir}/handover.db`);
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  it('given a good file, when imported, then every service, named contact and backup is in the directory', () => {
    const summary = importDirectory(db, GOOD, 'csv', NOW);
    expect(summary.created).to.deep.equal(['Wellbeing support', 'Walk and Talk', 'Money advice']);
    const mind = new ServiceStore(db).get('mind-wellbeing')!;
    expect(mind.categories).to.deep.equal(['mental_health']);
    expect(mind.formats).to.deep.equal(['one_to_one', 'group']);
    expect(mind.areas).to.deep.equal(['Lambeth', 'SE11']);
    expect(mind.minAge).to.equal(18);
    expect(mind.maxAge).to.equal(null);
    const people = new PeopleStore(db);
    const sam = people.findByEmail('sam.patel@example.org')!;
    expect(sam.name).to.equal('Sam Patel');
    expect(sam.identities).to.deep.include({ platform: 'slack', tenant: 'T0001', userId: 'U0001', details: {} });
    expect(mind.contacts).to.deep.equal([
      { personId: sam.id, role: 'primary' },
      { personId: people.findByEmail('alex.morgan@example.org')!.id, role: 'backup' },
    ]);
    expect(people.findByEmail('alex.morgan@example.org')!.role).to.equal('Service manager');
    const walk = new ServiceStore(db).get('walk-talk')!;
    expect(walk.capacity).to.equal('limited');
    expect(walk.contacts.map((c) => c.role)).to.deep.equal(['primary', 'backup', 'backup']);
    expect(walk.contacts[2].personId).to.equal(sam.id);
    expect(new ServiceStore(db).get('money-advice')!.capacity).to.equal('waiting_list');
  });

  it('given the same person in two services, when imported, then they are one person with a stable id', () => {
    importDirectory(db, GOOD, 'csv', NOW);
    const first = new PeopleStore(db).findByEmail('sam.patel@example.org')!.id;
    const other = openDatabase(`${tmp.dir}/other.db`);
    importDirectory(other, GOOD, 'csv', NOW);
    expect(new PeopleStore(other).findByEmail('sam.patel@example.org')!.id).to.equal(first);
    other.close();
    expect(new PeopleStore(db).all()).to.have.length(5);
  });

  const badRows: [string, string, RegExp][] = [
    ['a missing name', ROW_2.replace('Walk and Talk', ''), /service name is required/],
    ['an unknown category', ROW_2.replace('exercise_wellbeing;', 'gardening;'), /"gardening" is not a category/],
    ['an age range upside down', ROW_2.replace(',16,80,', ',80,16,'), /minimum age is above the maximum/],
    ['a bad e-mail', ROW_2.replace('kwame.asante@example.org', 'kwame.asante.example.org'), /not a valid e-mail/],
    ['an unknown capacity', ROW_2.replace('Limited places', 'Bursting'), /"bursting" is not a capacity/],
    [
      'a duplicated id',
      ROW_2.replace('walk-talk,', 'mind-wellbeing,'),
      /id "mind-wellbeing" is already used on line 2/,
    ],
    [
      'the wrong number of columns',
      ROW_2.replace(',Activity leader,', ',Activity leader,extra,'),
      /has 21 columns; the header has 20/,
    ],
    [
      'a badly written backup',
      ROW_2.replace('Ella Ward <ella.ward@example.org>', 'Ella Ward ella.ward@example.org'),
      /must be written Name <email>/,
    ],
    ['an age that is not a number', ROW_2.replace(',16,80,', ',sixteen,80,'), /minimum age must be a whole number/],
  ];
  for (const [label, row, reason] of badRows) {
    it(`given a row with ${label}, when imported, then the line and reason are reported and nothing is imported`, () => {
      const text = [HEADER, ROW_1, row, ROW_3].join('\n');
      const problems = problemsOf(() => importDirectory(db, text, 'csv', NOW));
      expect(problems.map((p) => p.where)).to.deep.equal(problems.map(() => 'line 3'));
      expect(problems.map((p) => p.reason).join(' ')).to.match(reason);
      expect(new ServiceStore(db).count()).to.equal(0);
      expect(new PeopleStore(db).all()).to.have.length(0);
    });
  }

  it('given several bad rows, when imported, then every one is reported with its own line number', () => {
    const text = [
      HEADER,
      ROW_1.replace('Mind in Lambeth', ''),
      ROW_2,
      ROW_3.replace('helen.park@example.org', 'nope'),
    ].join('\n');
    const problems = problemsOf(() => importDirectory(db, text, 'csv', NOW));
    expect(problems.map((p) => p.where)).to.deep.equal(['line 2', 'line 4']);
  });

  it('given an unknown column or a missing required column, when imported, then the header line is reported', () => {
    const unknown = problemsOf(() => importDirectory(db, GOOD.replace('keywords,', 'keywordz,'), 'csv', NOW));
    expect(unknown[0]).to.deep.equal({
      where: 'line 1',
      reason: 'Unknown column(s): keywordz. See the README for the columns.',
    });
    const missing = problemsOf(() => importDirectory(db, 'name,organisation\nA,B\n', 'csv', NOW));
    expect(missing[0].reason).to.match(/Missing column\(s\): primary_contact_name, primary_contact_email/);
  });

  it('given a dry run, when imported, then it says what would change and writes nothing', () => {
    const summary = importDirectory(db, GOOD, 'csv', NOW, { dryRun: true });
    expect(summary).to.deep.include({
      dryRun: true,
      created: ['Wellbeing support', 'Walk and Talk', 'Money advice'],
      updated: [],
      unchanged: [],
    });
    expect(summary.newPeople).to.have.length(5);
    expect(new ServiceStore(db).count()).to.equal(0);
    expect(new PeopleStore(db).all()).to.have.length(0);
  });

  it('given a directory already loaded, when a changed file is dry-run then imported, then new, updated and unchanged are told apart', () => {
    importDirectory(db, GOOD, 'csv', NOW);
    const changed = [
      HEADER,
      ROW_1,
      ROW_2.replace('Limited places', 'open'),
      'new-one,New service,New org,,,,,,,,,,open,,2026-11-01,Nia Lowe,nia.lowe@example.org,Lead,,',
    ].join('\n');
    const dry = importDirectory(db, changed, 'csv', NOW, { dryRun: true });
    expect(dry).to.deep.include({
      created: ['New service'],
      updated: ['Walk and Talk'],
      unchanged: ['Wellbeing support'],
      newPeople: ['Nia Lowe'],
    });
    expect(new ServiceStore(db).get('walk-talk')!.capacity).to.equal('limited');
    importDirectory(db, changed, 'csv', NOW);
    expect(new ServiceStore(db).get('walk-talk')!.capacity).to.equal('open');
    expect(new ServiceStore(db).count()).to.equal(4);
  });

  it('given a file that is not CSV at all, when imported, then the problem is reported and nothing is imported', () => {
    const problems = problemsOf(() => importDirectory(db, `${HEADER}\n"unclosed,quote\n`, 'csv', NOW));
    expect(problems[0].reason).to.match(/not valid CSV/);
    expect(readDirectory(db)).to.have.length(0);
  });

  it('given cells that a spreadsheet would run as formulas, when exported as CSV, then none starts with = + - @, and importing the export gives back the original text', () => {
    const hostile = {
      name: "+cmd|' /C calc'!A0",
      description: '=HYPERLINK("http://evil.example","Click")',
      keywords: '@SUM(1+1)',
      organisation: '-2+3',
      contact: "'=already quoted",
    };
    const row = ROW_1.replace('Wellbeing support', `"${hostile.name}"`)
      .replace(
        '"One-to-one support for anxiety, stress and low mood."',
        `"${hostile.description.replaceAll('"', '""')}"`,
      )
      .replace('anxiety; counselling', hostile.keywords)
      .replace('Mind in Lambeth', hostile.organisation)
      .replace('Sam Patel', `'${hostile.contact}`);
    importDirectory(db, [HEADER, row, ROW_2].join('\n'), 'csv', NOW);
    const exported = exportDirectory(db, 'csv');
    const cells = (parse(exported) as string[][]).flat();
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).to.deep.equal([]);
    expect(cells).to.include.members([
      `'${hostile.name}`,
      `'${hostile.description}`,
      `'${hostile.keywords}`,
      `'${hostile.organisation}`,
      `''=already quoted`,
    ]);

    const other = openDatabase(`${tmp.dir}/other.db`);
    importDirectory(other, exported, 'csv', NOW);
    expect(readDirectory(other)).to.deep.equal(readDirectory(db));
    const mind = new ServiceStore(other).get('mind-wellbeing')!;
    expect([mind.name, mind.description, mind.keywords, mind.organisation]).to.deep.equal([
      hostile.name,
      hostile.description,
      hostile.keywords,
      hostile.organisation,
    ]);
    expect(new PeopleStore(other).findByEmail('sam.patel@example.org')!.name).to.equal(hostile.contact);
    other.close();
  });
});
