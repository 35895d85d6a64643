// Reads the shipped bank-holidays file (gov.uk feed format) and replaces it with a newer one safely:
// the new file is checked first, then written beside the old one and renamed over it, so a bad or
// half-written file never replaces good data.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_DIVISION,
  parseBankHolidaysText,
  summariseBankHolidays,
  type BankHolidaySummary,
} from '../domain/calendar/bank-holidays.ts';
import { CalendarError } from '../domain/calendar/errors.ts';
import { projectPath } from '../paths.ts';

/** data/bank-holidays/england-and-wales.json in this repository. */
export const DEFAULT_BANK_HOLIDAYS_PATH = projectPath('data', 'bank-holidays', 'england-and-wales.json');

export interface InstallResult {
  path: string;
  installed: BankHolidaySummary;
  /** What the replaced file held; undefined if there was none or it was unreadable. */
  previous?: BankHolidaySummary;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : String(error);
    throw new CalendarError('BANK_HOLIDAYS_UNREADABLE', `Could not read the bank holidays file ${path}: ${reason}.`, {
      path,
    });
  }
}

function parseAt(path: string, text: string, division: string): Set<string> {
  try {
    return parseBankHolidaysText(text, division);
  } catch (error) {
    if (!(error instanceof CalendarError)) throw error;
    throw new CalendarError(error.code, `${error.message} (file: ${path})`, { ...error.details, path });
  }
}

/** The bank-holiday dates in a feed file; the shipped England & Wales file by default. */
export function loadBankHolidays(path: string = DEFAULT_BANK_HOLIDAYS_PATH, division = DEFAULT_DIVISION): Set<string> {
  const absolute = resolve(path);
  return parseAt(absolute, readText(absolute), division);
}

function writeAtomically(destPath: string, text: string): void {
  mkdirSync(dirname(destPath), { recursive: true });
  const tempPath = `${destPath}.${randomUUID()}.tmp`;
  try {
    const fd = openSync(tempPath, 'wx');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tempPath, destPath);
  } catch (error) {
    rmSync(tempPath, { force: true });
    throw error;
  }
}

function previousSummary(destPath: string, division: string): BankHolidaySummary | undefined {
  try {
    return summariseBankHolidays(loadBankHolidays(destPath, division));
  } catch {
    return undefined;
  }
}

/**
 * Checks `srcPath` (the gov.uk feed, whole or one division) and only then replaces `destPath` with
 * it, byte for byte. A bad file throws a CalendarError and leaves `destPath` as it was.
 */
export function installBankHolidays(
  srcPath: string,
  destPath: string = DEFAULT_BANK_HOLIDAYS_PATH,
  division = DEFAULT_DIVISION,
): InstallResult {
  const source = resolve(srcPath);
  const target = resolve(destPath);
  const text = readText(source);
  const installed = summariseBankHolidays(parseAt(source, text, division));
  const previous = previousSummary(target, division);
  writeAtomically(target, text);
  return { path: target, installed, previous };
}
