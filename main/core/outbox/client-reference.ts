import { randomInt } from 'node:crypto';

/**
 * The client reference: a short tag (`[PD-7F3K2Q]`) appended visibly to a new case's
 * description or a message, the only mark the Cloud Support API keeps of who sent what
 * (CreateCaseRequest has no idempotency key). After an ambiguous failure the outbox
 * looks for the tag before sending again. Six characters of Crockford's base32 (no I, L,
 * O, U: nothing to misread) give 32^6 ≈ 1.07e9 values; the outbox table keeps them unique.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 6;
const REFERENCE = /^PD-[0-9A-HJKMNP-TV-Z]{6}$/;

export function newClientReference(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < LENGTH; i += 1) code += ALPHABET[random(ALPHABET.length)];
  return `PD-${code}`;
}

export function isClientReference(value: string): boolean {
  return REFERENCE.test(value);
}

/** The tag as it appears in the text. */
export function referenceTag(reference: string): string {
  return `[${reference}]`;
}

/** The text as sent: the user's words, a blank line, the tag. */
export function withReference(text: string, reference: string): string {
  return `${text.trimEnd()}\n\n${referenceTag(reference)}`;
}

/** How many characters the tag adds to a text (blank line included). */
export const REFERENCE_TAG_CHARS = withReference(
  '',
  newClientReference(() => 0),
).length;

export function carriesReference(text: string | undefined, reference: string): boolean {
  return text?.includes(referenceTag(reference)) ?? false;
}

/** The text carries some client reference tag: a case described so was filed from this app. */
export function carriesSomeReference(text: string | undefined): boolean {
  return /\[PD-[0-9A-HJKMNP-TV-Z]{6}\]/.test(text ?? '');
}
