import { digitsOf, matchesOf, type PiiFinding } from './finding';

/**
 * Phone numbers as people write them: international (+33 6 12 34 56 78, +1 415-555-0132),
 * national with a trunk 0 (06 12 34 56 78, 020 7946 0958) or North American
 * ((415) 555-0132, 415.555.0132). Groups of digits separated by spaces, dots or dashes.
 */
const PHONE = /(?<![\w+.-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){2,5}(?![\w-]|\.\d)/g;

/** ITU-T E.164 allows at most 15 digits; fewer than 9 is an extension, a year or a count. */
const MIN_DIGITS = 9;
const MAX_DIGITS = 15;

/** ISO dates and times, version numbers and IPv4 addresses have a phone's shape but are not phones. */
const NOT_A_PHONE = [/^\d{4}-\d{2}-\d{2}/, /^\d{1,3}(\.\d{1,3}){3}$/, /^\d+(\.\d+){3,}$/];

export function findPhones(text: string): PiiFinding[] {
  return matchesOf('phone', text, PHONE, (match) => {
    const written = match[0];
    const digits = digitsOf(written);
    if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return false;
    if (NOT_A_PHONE.some((shape) => shape.test(written))) return false;
    // A run of digits with no separator and no + is an id (an order, a case number), not a number to call.
    const grouped = /[ .()-]/.test(written);
    if (written.startsWith('+')) return true;
    // Except the French national form written in one run (0612345678).
    if (!grouped) return /^0[1-9]\d{8}$/.test(written);
    return written.startsWith('0') || written.startsWith('(') || /^\d{3}[ .-]\d{3}[ .-]\d{4}$/.test(written);
  });
}
