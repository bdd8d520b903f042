/**
 * Keyword matching for the case list: case-insensitive and accent-insensitive, so
 * "defaillance" finds "Défaillance" (French-speaking teams type without accents).
 * A keyword is split on whitespace; a case matches when it contains every token.
 */

const COMBINING_MARKS = /\p{M}+/gu;

const NON_ASCII = /[\u0080-\uffff]/;

export function normalizeForSearch(text: string): string {
  const folded = NON_ASCII.test(text) ? text.normalize('NFD').replace(COMBINING_MARKS, '') : text;
  return folded.toLowerCase();
}

/**
 * The distinct whitespace-separated words of normalized text, joined by spaces. A token
 * holds no whitespace, so it occurs in the text exactly when it occurs in one of its
 * words: searching this shorter string gives the same answers, faster.
 */
export function distinctWords(normalized: string): string {
  return [...new Set(normalized.split(/\s+/).filter(Boolean))].join(' ');
}

export function keywordTokens(keyword: string): string[] {
  const tokens = normalizeForSearch(keyword).split(/\s+/).filter(Boolean);
  return [...new Set(tokens)];
}

/**
 * Whether every case matching `narrower` also matches `broader`: true when each broader
 * token lies inside some narrower token. Then the narrower result is a subset of the
 * broader one and can be filtered from it instead of from every case.
 */
export function refines(narrower: readonly string[], broader: readonly string[]): boolean {
  return broader.every((token) => narrower.some((candidate) => candidate.includes(token)));
}
