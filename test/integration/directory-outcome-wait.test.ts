// A coordinator sets, per service, how many working days after the follow-up date an unconfirmed introduction
// waits before it closes as unknown: the optional directory column outcome_wait_days (blank: the default).
import { expect } from 'chai';
import { exportDirectory, importDirectory } from '../../src/directory-io/directory-files.ts';
import { DirectoryImportError } from '../../src/directory-io/record.ts';
import { ServiceStore } from '../../src/storage/service-store.ts';
import { openDatabase, type Db } from '../../src/storage/sqlite.ts';
import { tempDir } from '../support/make.ts';

const NOW = new Date('2026-11-23T10:00:00Z');
const HEADER = 'id,name,organisation,outcome_wait_days,primary_contact_name,primary_contact_email';

describe('directory: outcome wait days per service', () => {
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

  it('given outcome_wait_days 6 for one service and blank for another, when imported and exported, then the first waits 6 and the second the default', () => {
    importDirectory(
      db,
      `${HEADER}\nhub,Wellbeing Hub,Mind in Lambeth,6,Sam Patel,sam@example.org\ndebt,Debt Advice,Citizens Advice,,Pat Quinn,pat@example.org\n`,
      'csv',
      NOW,
    );
    const services = new ServiceStore(db);
    expect(services.get('hub')!.outcomeWaitDays).to.equal(6);
    expect(services.get('debt')!.outcomeWaitDays).to.equal(null);
    const csv = exportDirectory(db, 'csv').split('\n');
    const column = csv[0].split(',').indexOf('outcome_wait_days');
    expect(column).to.be.greaterThan(-1);
    expect(csv.find((l) => l.startsWith('hub,'))!.split(',')[column]).to.equal('6');
  });

  it('given outcome_wait_days 0 or 61, when imported, then the row is refused with a sentence', () => {
    for (const days of ['0', '61']) {
      try {
        importDirectory(
          db,
          `${HEADER}\nhub,Wellbeing Hub,Mind in Lambeth,${days},Sam Patel,sam@example.org\n`,
          'csv',
          NOW,
        );
        expect.fail('the import should be refused');
      } catch (err) {
        expect(err).to.be.instanceOf(DirectoryImportError);
        expect((err as DirectoryImportError).problems.map((p) => p.reason)).to.include(
          'Outcome wait days must be between 1 and 60 working days.',
        );
      }
    }
  });
});
