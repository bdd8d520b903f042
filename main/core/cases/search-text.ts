/**
 * Keyword matching for the case list: case-insensitive and accent-insensitive, so
 * "defaillance" finds "Défaillance" (French-speaking teams type without accents).
 * A keyword is split on whitespace; a case matches when it contains every token.
 */

const COMBINING_MARKS = /\p{M}+/gu;

export function normalizeForSearch(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
}

export function keywordTokens(keyword: string): string[] {
  const tokens = normalizeForSearch(keyword).split(/\s+/).filter(Boolean);
  return [...new Set(tokens)];
}

export function matchesTokens(haystack: string, tokens: readonly string[]): boolean {
  for (const token of tokens) {
    if (!haystack.includes(token)) return false;
  }
  return true;
}

/**
 * Whether every case matching `narrower` also matches `broader`: true when each broader
 * token lies inside some narrower token. Then the narrower result is a subset of the
 * broader one and can be filtered from it instead of from every case.
 */
export function refines(narrower: readonly string[], broader: readonly string[]): boolean {
  return broader.every((token) => narrower.some((candidate) => candidate.includes(token)));
}
