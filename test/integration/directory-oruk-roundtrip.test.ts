import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { exportDirectory, importDirectory, readDirectory } from '../../src/directory-io/directory-files.ts';
import { DirectoryImportError } from '../../src/directory-io/record.ts';
import { CATEGORY_IDS } from '../../src/domain/directory/types.ts';
import { DEMO_PEOPLE, DEMO_SERVICE_ID, loadDemoDirectory } from '../../src/directory-io/demo-directory.ts';
import { searchDirectory } from '../../src/storage/directory-search.ts';
import { PeopleStore } from '../../src/storage/people-store.ts';
import { ServiceStore } from '../../src/storage/service-store.ts';
import { openDatabase, type Db } from '../../src/storage/sqlite.ts';
import { tempDir } from '../support/make.ts';

const NOW = new Date('2026-11-23T10:00:00Z');
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

/** The directory as a person would compare it: services with their contacts by e-mail, and those people. */
function snapshot(db: Db) {
  const people = new PeopleStore(db)
    .all()
    .map(({ name, email, organisation, role }) => ({ name, email, organisation, role }));
  return { services: readDirectory(db), people };
}

describe('directory import: Open Referral UK, round trips and the demo directory', () => {
  let tmp: ReturnType<typeof tempDir>;
  let n = 0;
  const open = () => openDatabase(`${tmp.dir}/db-${++n}.db`);
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('given the uk-profile single service example, when imported, then the service, organisation and contact come across', () => {
    const db = open();
    importDirectory(db, fixture('oruk/service_full.json'), 'oruk', NOW);
    const s = new ServiceStore(db).get('ac148810-d857-441c-9679-408f346de14b')!;
    expect(s).to.deep.include({
      name: 'Community Counselling',
      organisation: 'Example Organization Inc.',
      minAge: 12,
      maxAge: 100,
      website: 'http://example.com/counselling',
      lastReviewed: '2005-01-01',
      capacity: 'open',
    });
    expect(s.locations[0]).to.match(/^MyCity Civic Center, 1-30 Main Street, MyCity, ABC 1234$/);
    expect(s.cost).to.contain('Under 18s and Over 60s £35 per 1 hour session');
    expect(s.dates[0]).to.match(/10 am to 6pm weekdays/);
    expect(s.eligibilityOther).to.match(/all residents of the MyCity area/);
    const contact = new PeopleStore(db).get(s.contacts[0].personId)!;
    expect(contact).to.deep.include({ name: 'Ann Persona', role: 'Reception Manager', email: 'email@example.com' });
    db.close();
  });

  it('given the uk-profile paged list example, when imported, then the services in "contents" are imported', () => {
    const db = open();
    const summary = importDirectory(db, fixture('oruk/service_list.json'), 'oruk', NOW);
    expect(summary.created).to.deep.equal(['Community Counselling']);
    const s = new ServiceStore(db).all()[0];
    expect(s.contacts).to.have.length(1);
    expect(new PeopleStore(db).get(s.contacts[0].personId)?.role).to.equal('Enquiries');
    db.close();
  });

  it('given UK taxonomy terms, when imported, then they map to our categories and the rest are kept as keywords', () => {
    const db = open();
    importDirectory(db, fixture('oruk/lambeth_services.json'), 'oruk', NOW);
    const [debt, walk] = new ServiceStore(db).all().sort((a, b) => a.name.localeCompare(b.name));
    expect(debt.categories).to.deep.equal(['money']);
    expect(debt.keywords).to.equal('Pension credit');
    expect(debt.areas).to.deep.equal(['SE11', 'SW8']);
    expect(debt.formats).to.deep.equal(['online']);
    expect(debt.contacts.map((c) => c.role)).to.deep.equal(['primary', 'backup']);
    expect(walk.categories).to.have.members(['exercise_wellbeing', 'loneliness']);
    expect(walk.capacity).to.equal('closed');
    expect(new PeopleStore(db).get(walk.contacts[0].personId)?.email).to.equal('hello.stockwell@example.org');
    expect(searchDirectory(db, { text: 'debt', area: 'SW8 1AA' }, NOW).map((r) => r.name)).to.deep.equal([
      'Kennington Debt Advice',
    ]);
    db.close();
  });

  it('given an ORUK file with a bad service, when imported, then the service is named and nothing is imported', () => {
    const db = open();
    const page = JSON.parse(fixture('oruk/lambeth_services.json'));
    page.contents[1].minimum_age = 70;
    page.contents[1].maximum_age = 20;
    expect(() => importDirectory(db, JSON.stringify(page), 'oruk', NOW)).to.throw(
      DirectoryImportError,
      /service 2 \(id 7d7c2b1e-3f1a-4c55-9d7e-0a1b2c3d4e02\): The minimum age is above the maximum age/,
    );
    expect(() => importDirectory(db, '{"contents": ', 'oruk', NOW)).to.throw(DirectoryImportError, /not valid JSON/);
    expect(new ServiceStore(db).count()).to.equal(0);
    db.close();
  });

  it('given the demo directory, when loaded, then about thirty services cover all thirteen categories with named contacts', () => {
    const db = open();
    const summary = loadDemoDirectory(db, NOW)!;
    const services = new ServiceStore(db).all();
    expect(services.length).to.be.within(28, 36);
    expect(summary.created).to.have.length(services.length);
    expect(new Set(services.flatMap((s) => s.categories))).to.have.members([...CATEGORY_IDS]);
    expect(services.every((s) => s.contacts.some((c) => c.role === 'primary'))).to.equal(true);
    expect(services.filter((s) => s.contacts.length > 1).length).to.be.greaterThan(services.length / 2);
    expect(services.filter((s) => s.capacity === 'closed')).to.have.length(1);
    const stale = searchDirectory(db, { limit: 100 }, NOW).filter((r) => r.stale);
    expect(stale.length).to.be.at.least(2);
    db.close();
  });

  it('given the demo directory, when loaded, then the playground people exist with web identities and Sam has Alex as backup', () => {
    const db = open();
    loadDemoDirectory(db, NOW);
    const people = new PeopleStore(db);
    const jo = people.get(DEMO_PEOPLE.introducer)!;
    expect(jo).to.deep.include({ name: 'Jo Rivers', role: 'Work coach', organisation: 'Lambeth Jobcentre' });
    expect(people.get(DEMO_PEOPLE.coordinator)!.isCoordinator).to.equal(true);
    expect(people.get(DEMO_PEOPLE.peer)).to.not.equal(undefined);
    for (const p of people.all()) {
      expect(p.email).to.match(/@example\.org$/);
      expect(p.identities).to.deep.include({ platform: 'web', tenant: '', userId: p.id, details: {} });
    }
    const mind = new ServiceStore(db).get(DEMO_SERVICE_ID)!;
    expect(mind.organisation).to.equal('Mind in Lambeth');
    expect(mind.contacts).to.deep.equal([
      { personId: DEMO_PEOPLE.contact, role: 'primary' },
      { personId: DEMO_PEOPLE.backup, role: 'backup' },
    ]);
    expect(searchDirectory(db, { text: 'anxiety', area: 'SE11', age: 19 }, NOW)[0].id).to.equal(DEMO_SERVICE_ID);
    db.close();
  });

  it('given a directory that already has services, when the demo is loaded, then nothing changes', () => {
    const db = open();
    importDirectory(db, fixture('directory-csv/good.csv'), 'csv', NOW);
    expect(loadDemoDirectory(db, NOW)).to.equal(null);
    expect(new ServiceStore(db).count()).to.equal(3);
    db.close();
  });

  for (const format of ['csv', 'oruk'] as const) {
    it(`given the demo directory, when exported as ${format} and imported into an empty database, then the directory is the same`, () => {
      const source = open();
      loadDemoDirectory(source, NOW);
      new PeopleStore(source).link(DEMO_PEOPLE.contact, { platform: 'slack', tenant: 'T1', userId: 'U1' });
      const target = open();
      const summary = importDirectory(target, exportDirectory(source, format), format, NOW);
      expect(summary.created).to.have.length(new ServiceStore(source).count());
      const before = snapshot(source);
      const after = snapshot(target);
      expect(after.services).to.deep.equal(
        before.services.map((s) =>
          format === 'oruk' ? { ...s, contacts: s.contacts.map(({ slack: _s, teams: _t, ...c }) => c) } : s,
        ),
      );
      const linked = new Set(before.services.flatMap((s) => s.contacts.map((c) => c.email)));
      expect(after.people).to.deep.equal(before.people.filter((p) => linked.has(p.email ?? '')));
      expect(exportDirectory(target, format)).to.equal(exportDirectory(source, format));
      source.close();
      target.close();
    });
  }
});
