import { digitsOf, matchesOf, type PiiFinding } from './finding';

/** 13 to 19 digits (ISO/IEC 7812), optionally grouped by single spaces or dashes. */
const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g;

/** The Luhn check digit test every payment card number passes (ISO/IEC 7812-1 annex B). */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/**
 * Payment card numbers: the right length, a major industry identifier of a card network
 * (2 to 6: Mastercard 2-series, Amex/Diners 3, Visa 4, Mastercard 5, Discover/UnionPay 6)
 * and a valid Luhn digit. A random 16-digit id passes Luhn one time in ten, hence the prefix.
 */
export function findCards(text: string): PiiFinding[] {
  return matchesOf('card', text, CARD, (match) => {
    const digits = digitsOf(match[0]);
    return /^[2-6]/.test(digits) && passesLuhn(digits);
  });
}
