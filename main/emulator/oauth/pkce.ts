import { createHash } from 'node:crypto';

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export function isValidPkceValue(value: string): boolean {
  return VERIFIER.test(value);
}

/** RFC 7636 S256: BASE64URL(SHA256(ASCII(code_verifier))) === code_challenge. */
export function verifierMatches(verifier: string, challenge: string): boolean {
  return isValidPkceValue(verifier) && createHash('sha256').update(verifier, 'ascii').digest('base64url') === challenge;
}
