import type { PiiFinding } from './finding';

/**
 * Country code and 2 check digits, then 11 to 30 letters or digits written either in one
 * run or in groups of 4 with a shorter last group, as banks print them (ISO 13616).
 */
const IBAN = /\b[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?)\b/g;

/** ISO 7064 mod 97-10 as ISO 13616 applies it: the first four characters moved to the end, letters as 10..35. */
export function ibanChecksumValid(iban: string): boolean {
  const compact = iban.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= 'A' ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/**
 * IBANs whose check digits are right: a SKU or a ticket reference of that shape fails the
 * mod-97 test. A grouped match may have swallowed a following 4-letter word ("… 7654 CODE"),
 * so shorter readings, one group less at a time, are tried before giving up.
 */
export function findIbans(text: string): PiiFinding[] {
  const found: PiiFinding[] = [];
  for (const match of text.matchAll(IBAN)) {
    let candidate = match[0];
    while (!ibanChecksumValid(candidate) && candidate.includes(' ')) {
      candidate = candidate.slice(0, candidate.lastIndexOf(' '));
    }
    if (ibanChecksumValid(candidate)) {
      found.push({ kind: 'iban', start: match.index, end: match.index + candidate.length, text: candidate });
    }
  }
  return found;
}
