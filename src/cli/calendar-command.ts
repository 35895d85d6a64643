// `handover calendar …`: the working-day calendar's data.
//   handover calendar load-holidays FILE [--division NAME] [--to PATH]
//   handover calendar holidays [--year YYYY] [--from PATH]
import type { Command } from 'commander';
import { DEFAULT_DIVISION } from '../domain/calendar/bank-holidays.ts';
import type { BankHolidaySummary } from '../domain/calendar/bank-holidays.ts';
import { CalendarError } from '../domain/calendar/errors.ts';
import { DEFAULT_BANK_HOLIDAYS_PATH, installBankHolidays, loadBankHolidays } from '../storage/bank-holidays-file.ts';

export interface CalendarCommandOptions {
  /** Where the bank holidays live (config.bankHolidaysPath); the shipped file when absent. */
  bankHolidaysPath?: string;
  /** Where to print; standard output when absent. */
  write?: (line: string) => void;
}

function describe(summary: BankHolidaySummary): string {
  return summary.count === 0 ? 'no dates' : `${summary.count} dates, ${summary.first} to ${summary.last}`;
}

function failWith(command: Command, error: unknown): never {
  if (error instanceof CalendarError) command.error(error.message, { code: error.code, exitCode: 1 });
  throw error;
}

export function registerCalendarCommands(program: Command, options: CalendarCommandOptions = {}): void {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const storedPath = options.bankHolidaysPath ?? DEFAULT_BANK_HOLIDAYS_PATH;
  const calendar = program.command('calendar').description('Working days, working hours and bank holidays');

  calendar
    .command('load-holidays')
    .description('Check a bank holidays file (the gov.uk bank-holidays.json format) and use it from now on')
    .argument('<file>', 'the new file, e.g. downloaded from https://www.gov.uk/bank-holidays.json')
    .option('--division <name>', 'which part of the UK', DEFAULT_DIVISION)
    .option('--to <path>', 'where the stored file is kept', storedPath)
    .action((file: string, opts: { division: string; to: string }, command: Command) => {
      try {
        const result = installBankHolidays(file, opts.to, opts.division);
        const before = result.previous ? ` (was ${describe(result.previous)})` : '';
        write(`Bank holidays for ${opts.division} updated: ${describe(result.installed)}${before}.`);
        write(`Stored in ${result.path}`);
      } catch (error) {
        failWith(command, error);
      }
    });

  calendar
    .command('holidays')
    .description('List the bank holidays the calendar uses')
    .option('--year <year>', 'only this year')
    .option('--division <name>', 'which part of the UK', DEFAULT_DIVISION)
    .option('--from <path>', 'the stored file', storedPath)
    .action((opts: { year?: string; division: string; from: string }, command: Command) => {
      try {
        const dates = [...loadBankHolidays(opts.from, opts.division)].sort();
        const shown = opts.year ? dates.filter((date) => date.startsWith(`${opts.year}-`)) : dates;
        for (const date of shown) write(date);
        if (shown.length === 0) write('No bank holidays found for that year.');
      } catch (error) {
        failWith(command, error);
      }
    });
}
