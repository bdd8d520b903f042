import { findCards } from './card-detector';
import { findEmails } from './email-detector';
import type { PiiFinding, PiiKind } from './finding';
import { findIbans } from './iban-detector';
import { findNirs, findSsns } from './national-id-detector';
import { findPhones } from './phone-detector';

export interface PiiScanOptions {
  /** Email addresses of these domains (and their subdomains) are not flagged: the customer's own. */
  allowedEmailDomains: readonly string[];
}

/**
 * Where two detectors claim overlapping text, the one with the stronger check wins: an IBAN
 * or a NIR (mod 97: a random number passes 1 time in 97) before a card (Luhn: 1 in 10),
 * and all of them before the phone shape, which every long grouped number has.
 */
const PRECEDENCE: readonly PiiKind[] = ['iban', 'nir', 'card', 'ssn', 'email', 'phone'];

/** Every span of `text` that looks like personal data, in text order, without overlaps. */
export function scanForPii(text: string, options: PiiScanOptions): PiiFinding[] {
  const all = [
    ...findCards(text),
    ...findIbans(text),
    ...findNirs(text),
    ...findSsns(text),
    ...findEmails(text, options.allowedEmailDomains),
    ...findPhones(text),
  ].sort((a, b) => PRECEDENCE.indexOf(a.kind) - PRECEDENCE.indexOf(b.kind));
  const kept: PiiFinding[] = [];
  for (const finding of all) {
    if (!kept.some((k) => finding.start < k.end && k.start < finding.end)) kept.push(finding);
  }
  return kept.sort((a, b) => a.start - b.start);
}
