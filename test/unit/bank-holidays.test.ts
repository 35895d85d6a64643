import { expect } from 'chai';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  parseBankHolidays,
  parseBankHolidaysText,
  summariseBankHolidays,
} from '../../src/domain/calendar/bank-holidays.ts';
import { CalendarError } from '../../src/domain/calendar/errors.ts';
import {
  DEFAULT_BANK_HOLIDAYS_PATH,
  installBankHolidays,
  loadBankHolidays,
} from '../../src/storage/bank-holidays-file.ts';

const SHIPPED = JSON.parse(readFileSync(DEFAULT_BANK_HOLIDAYS_PATH, 'utf8')) as Record<string, unknown>;

function event(title: string, date: string) {
  return { title, date, notes: '', bunting: true };
}

/** The shape of https://www.gov.uk/bank-holidays.json with all three divisions. */
const WHOLE_FEED = {
  'england-and-wales': {
    division: 'england-and-wales',
    events: [event('Christmas Day', '2029-12-25'), event('Boxing Day', '2029-12-26')],
  },
  scotland: {
    division: 'scotland',
    events: [event('2nd January', '2029-01-02'), event('St Andrew’s Day', '2029-11-30')],
  },
  'northern-ireland': { division: 'northern-ireland', events: [event('St Patrick’s Day', '2029-03-19')] },
};

function feedWith(events: unknown[]) {
  return { 'england-and-wales': { division: 'england-and-wales', events } };
}

function errorFrom(action: () => unknown): CalendarError {
  try {
    action();
  } catch (error) {
    if (error instanceof CalendarError) return error;
    throw error;
  }
  throw new Error('expected a CalendarError, but nothing was thrown');
}

describe('bank holidays: reading the gov.uk feed', () => {
  it('the shipped England & Wales file covers 2024 to 2028, including the 2026 Boxing Day substitute', () => {
    const dates = loadBankHolidays();
    expect(summariseBankHolidays(dates)).to.deep.equal({ count: 40, first: '2024-01-01', last: '2028-12-26' });
    for (const date of [
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-28',
    ]) {
      expect(dates.has(date), date).to.equal(true);
    }
    expect(dates.has('2026-12-26')).to.equal(false);
  });

  it('given the whole feed with three divisions, then England & Wales is picked unless another is named', () => {
    expect([...parseBankHolidays(WHOLE_FEED)]).to.deep.equal(['2029-12-25', '2029-12-26']);
    expect([...parseBankHolidays(WHOLE_FEED, 'scotland')]).to.deep.equal(['2029-01-02', '2029-11-30']);
  });

  it('given a file holding one division on its own, then it is read too', () => {
    expect(parseBankHolidays(SHIPPED['england-and-wales']).size).to.equal(40);
  });

  it('given a feed without the division asked for, then the error names the divisions it found', () => {
    const error = errorFrom(() => parseBankHolidays({ scotland: WHOLE_FEED.scotland }));
    expect(error.code).to.equal('BANK_HOLIDAYS_DIVISION_MISSING');
    expect(error.message).to.equal('Bank holidays file has no "england-and-wales" division (found: scotland).');
  });

  it('given an event with no date, then the error names the event number, its title and the field', () => {
    const events = [
      event('New Year’s Day', '2029-01-01'),
      event('Good Friday', '2029-03-30'),
      { title: 'Easter Monday', notes: '', bunting: false },
    ];
    const error = errorFrom(() => parseBankHolidays(feedWith(events)));
    expect(error.code).to.equal('BANK_HOLIDAYS_INVALID');
    expect(error.details).to.deep.include({ eventIndex: 2, field: 'date', division: 'england-and-wales' });
    expect(error.message).to.equal(
      'Bank holidays for england-and-wales: event 3 (Easter Monday) "date" is missing or not text (expected YYYY-MM-DD).',
    );
  });

  it('given a date that does not exist or is written the British way, then the event is named', () => {
    const impossible = errorFrom(() => parseBankHolidays(feedWith([event('Made up', '2029-02-30')])));
    expect(impossible.details).to.deep.include({ eventIndex: 0, field: 'date' });
    expect(impossible.message).to.contain('event 1 (Made up) "date" is not a real date in the form YYYY-MM-DD');
    const british = errorFrom(() => parseBankHolidays(feedWith([event('Boxing Day', '26/12/2029')])));
    expect(british.details).to.deep.include({ eventIndex: 0, field: 'date' });
  });

  it('given a division without events, not JSON, or not an object, then each gets a clear coded error', () => {
    expect(errorFrom(() => parseBankHolidays(feedWith([]))).message).to.contain('"events" has no events');
    expect(errorFrom(() => parseBankHolidaysText('{"england-and-wales": ')).message).to.match(
      /^Bank holidays file is not valid JSON/,
    );
    expect(errorFrom(() => parseBankHolidays([1, 2])).code).to.equal('BANK_HOLIDAYS_INVALID');
  });

  it('given a division whose name inside does not match, then it is refused', () => {
    const mislabelled = { 'england-and-wales': { division: 'scotland', events: [event('x', '2029-01-01')] } };
    expect(errorFrom(() => parseBankHolidays(mislabelled)).details).to.deep.include({ field: 'division' });
  });
});

describe('bank holidays: installing a newer file', () => {
  let dir: string;
  let stored: string;
  const original = readFileSync(DEFAULT_BANK_HOLIDAYS_PATH, 'utf8');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'handover-holidays-'));
    stored = join(dir, 'data', 'england-and-wales.json');
    installBankHolidays(DEFAULT_BANK_HOLIDAYS_PATH, stored);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given a good whole feed, then it replaces the stored file and the calendar sees the new dates', () => {
    const newer = join(dir, 'bank-holidays.json');
    writeFileSync(newer, JSON.stringify(WHOLE_FEED));
    const result = installBankHolidays(newer, stored);
    expect(result.installed).to.deep.equal({ count: 2, first: '2029-12-25', last: '2029-12-26' });
    expect(result.previous).to.deep.equal({ count: 40, first: '2024-01-01', last: '2028-12-26' });
    expect(loadBankHolidays(stored).has('2029-12-26')).to.equal(true);
    expect(readdirSync(join(dir, 'data'))).to.deep.equal(['england-and-wales.json']);
  });

  it('given a file with a bad date, then it is refused, the stored file is untouched and no temporary file is left', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify(feedWith([event('Christmas Day', '2029-12-25'), event('Boxing Day', '2029-12-32')])),
    );
    const error = errorFrom(() => installBankHolidays(bad, stored));
    expect(error.code).to.equal('BANK_HOLIDAYS_INVALID');
    expect(error.message).to.contain('event 2 (Boxing Day)').and.to.contain(bad);
    expect(readFileSync(stored, 'utf8')).to.equal(original);
    expect(readdirSync(join(dir, 'data'))).to.deep.equal(['england-and-wales.json']);
  });

  it('given a file with a missing date, then it is refused and the stored file is untouched', () => {
    const bad = join(dir, 'missing.json');
    writeFileSync(bad, JSON.stringify(feedWith([{ title: 'Christmas Day', notes: '', bunting: true }])));
    expect(errorFrom(() => installBankHolidays(bad, stored)).details).to.deep.include({ field: 'date', eventIndex: 0 });
    expect(readFileSync(stored, 'utf8')).to.equal(original);
  });

  it('given a path that does not exist, then the error names it and nothing changes', () => {
    const missing = join(dir, 'nope.json');
    const error = errorFrom(() => installBankHolidays(missing, stored));
    expect(error.code).to.equal('BANK_HOLIDAYS_UNREADABLE');
    expect(error.message).to.equal(`Could not read the bank holidays file ${missing}: it does not exist.`);
    expect(readFileSync(stored, 'utf8')).to.equal(original);
    expect(existsSync(missing)).to.equal(false);
  });
});
