// Spreadsheet programs run a cell that starts with = + - @ (or a tab or carriage return) as a formula. An exported
// cell that would start so is written with a leading apostrophe; importing removes exactly that one apostrophe, so an
// exported file imports back to the original text. A value that already starts with apostrophes before such a
// character gains one more on export, so the round trip stays exact.
const FORMULA_START = /^'*[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;

export function neutraliseFormula<T>(value: T): T | string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

export function restoreFormula(value: string): string {
  return NEUTRALISED.test(value) ? value.slice(1) : value;
}
