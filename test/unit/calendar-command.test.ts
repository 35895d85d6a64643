import { expect } from 'chai';
import { Command, CommanderError } from 'commander';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerCalendarCommands } from '../../src/cli/calendar-command.ts';
import { DEFAULT_BANK_HOLIDAYS_PATH } from '../../src/storage/bank-holidays-file.ts';

describe('handover calendar (CLI)', () => {
  let dir: string;
  let stored: string;
  let lines: string[];
  let errors: string[];

  function cli(): Command {
    const program = new Command('handover')
      .exitOverride()
      .configureOutput({ writeOut: (s) => lines.push(s), writeErr: (s) => errors.push(s) });
    registerCalendarCommands(program, { bankHolidaysPath: stored, write: (line) => lines.push(line) });
    return program;
  }

  async function run(...args: string[]): Promise<CommanderError | undefined> {
    try {
      await cli().parseAsync(args, { from: 'user' });
      return undefined;
    } catch (error) {
      if (error instanceof CommanderError) return error;
      throw error;
    }
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'handover-calendar-cli-'));
    stored = join(dir, 'england-and-wales.json');
    copyFileSync(DEFAULT_BANK_HOLIDAYS_PATH, stored);
    lines = [];
    errors = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given a newer gov.uk file, when load-holidays runs, then it says what it loaded and what it replaced', async () => {
    const newer = join(dir, 'bank-holidays.json');
    const events = [{ title: 'Christmas Day', date: '2029-12-25', notes: '', bunting: true }];
    writeFileSync(newer, JSON.stringify({ 'england-and-wales': { division: 'england-and-wales', events } }));
    expect(await run('calendar', 'load-holidays', newer)).to.equal(undefined);
    expect(lines[0]).to.equal(
      'Bank holidays for england-and-wales updated: 1 dates, 2029-12-25 to 2029-12-25 (was 40 dates, 2024-01-01 to 2028-12-26).',
    );
    expect(readFileSync(stored, 'utf8')).to.contain('2029-12-25');
  });

  it('given a bad file, when load-holidays runs, then it exits 1 with the reason and keeps the stored file', async () => {
    const before = readFileSync(stored, 'utf8');
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ 'england-and-wales': { division: 'england-and-wales', events: [{ title: 'Boxing Day' }] } }),
    );
    const failure = await run('calendar', 'load-holidays', bad);
    expect(failure?.exitCode).to.equal(1);
    expect(failure?.code).to.equal('BANK_HOLIDAYS_INVALID');
    expect(errors.join('')).to.contain('event 1 (Boxing Day) "date" is missing');
    expect(readFileSync(stored, 'utf8')).to.equal(before);
  });

  it('lists the bank holidays of one year', async () => {
    await run('calendar', 'holidays', '--year', '2026');
    expect(lines).to.deep.equal([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-28',
    ]);
  });
});
