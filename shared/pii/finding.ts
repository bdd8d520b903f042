/**
 * What looks like personal data in a text the user is about to send to Google support.
 * The seed's rule: « N'incluez pas d'informations permettant de vous identifier
 * personnellement dans votre demande ni dans les pièces jointes. » The detectors only
 * point at spans; the user decides (a false alarm must never block a case).
 */
export const PII_KINDS = ['email', 'phone', 'card', 'iban', 'nir', 'ssn'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

export interface PiiFinding {
  kind: PiiKind;
  /** UTF-16 offsets in the scanned text, end exclusive. */
  start: number;
  end: number;
  text: string;
}

/** Every match of a global regex with its offsets; `accept` drops the ones that fail a check. */
export function matchesOf(
  kind: PiiKind,
  text: string,
  pattern: RegExp,
  accept: (match: RegExpExecArray) => boolean = () => true,
): PiiFinding[] {
  const found: PiiFinding[] = [];
  for (const match of text.matchAll(pattern)) {
    if (!accept(match)) continue;
    found.push({ kind, start: match.index, end: match.index + match[0].length, text: match[0] });
  }
  return found;
}

/** The digits of a span, separators dropped. */
export function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}
