import { digitsOf, matchesOf, type PiiFinding } from './finding';

/**
 * French NIR (numéro de sécurité sociale): sex (1, 2; 3, 4, 7, 8 for temporary numbers),
 * year, month (01-12, or 20 and 30-99 when unknown), département (2 digits, 2A or 2B for
 * Corsica), commune, order number, then a 2-digit key; digits may be grouped by spaces.
 */
const NIR = /\b([1-478]) ?(\d{2}) ?(0[1-9]|1[0-2]|20|[3-9]\d) ?(\d{2}|2[AB]) ?(\d{3}) ?(\d{3}) ?(\d{2})\b/gi;

/** The NIR key: 97 − (the 13-character number mod 97), Corsica's 2A and 2B counted as 19 and 18. */
function nirKeyValid(match: RegExpExecArray): boolean {
  const [, sex, year, month, department = '', commune, order, key] = match;
  const departmentDigits =
    department.toUpperCase() === '2A' ? '19' : department.toUpperCase() === '2B' ? '18' : department;
  const number = BigInt(`${sex}${year}${month}${departmentDigits}${commune}${order}`);
  return 97n - (number % 97n) === BigInt(key ?? '-1');
}

export function findNirs(text: string): PiiFinding[] {
  return matchesOf('nir', text, NIR, nirKeyValid);
}

/**
 * US Social Security numbers in their written shape, AAA-GG-SSSS (dashes or spaces):
 * area 000, 666 and 900-999, group 00 and serial 0000 are never issued (SSA).
 */
const SSN = /(?<![\d-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\d-])/g;

export function findSsns(text: string): PiiFinding[] {
  return matchesOf('ssn', text, SSN, (match) => digitsOf(match[0]).length === 9);
}
