/**
 * Compact fingerprints of the cases' searchable text, so a keystroke can rule out most
 * cases without scanning their text: one bit per character class and one bit per pair
 * of adjacent characters (bigram). Characters fold into 37 classes: a–z, 0–9 and
 * "anything else". For a keyword token of one or two letters/digits the fingerprint
 * answers exactly; for longer tokens it filters ahead of the real substring test (a
 * token whose bigrams are missing cannot occur).
 *
 * Stored row by row in one typed array: a keystroke visits cases in sort order, not in
 * storage order, and a case's whole fingerprint then spans three cache lines.
 */

const CLASSES = 37;
const OTHER = 36;
const CHAR_BITS = CLASSES;
const TOTAL_BITS = CHAR_BITS + CLASSES * CLASSES;
export const SIGNATURE_WORDS = Math.ceil(TOTAL_BITS / 32);
/**
 * The first words of a row, which hold the character classes, are also kept in a table of
 * their own (8 bytes a slot, 360 KB at 45,000 cases: it stays in cache): a one-character
 * token, the first keystroke of every word, tests only these across every case, where
 * the 176-byte rows would miss the cache case after case.
 */
const HEAD_WORDS = 2;

function classOf(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 48 && code <= 57) return code - 48 + 26;
  return OTHER;
}

/** Whitespace separates tokens, so it never forms a bigram. */
function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13;
}

/** What a token requires of a fingerprint. */
export interface TokenProbe {
  token: string;
  /** Word index and mask pairs, flattened: [word, mask, word, mask, …]. */
  required: Int32Array;
  /** True when the fingerprint alone decides (no substring test needed). */
  exact: boolean;
  /** True when every required word is among the head words. */
  headOnly: boolean;
}

export function probeFor(token: string): TokenProbe {
  const masks = new Map<number, number>();
  const require = (bit: number) => masks.set(bit >>> 5, (masks.get(bit >>> 5) ?? 0) | (1 << (bit & 31)));
  let exact = token.length <= 2;
  for (let i = 0; i < token.length; i += 1) {
    const current = classOf(token.charCodeAt(i));
    if (current === OTHER) exact = false;
    require(current);
    if (i > 0) require(CHAR_BITS + classOf(token.charCodeAt(i - 1)) * CLASSES + current);
  }
  const required = new Int32Array(masks.size * 2);
  let at = 0;
  for (const [word, mask] of masks) {
    required[at] = word;
    required[at + 1] = mask;
    at += 2;
  }
  return { token, required, exact, headOnly: [...masks.keys()].every((word) => word < HEAD_WORDS) };
}

/** Fingerprints of many slots, one row of SIGNATURE_WORDS per slot. */
export class SignatureTable {
  private capacity = 0;
  private rows = new Int32Array(0);
  private heads = new Int32Array(0);

  /** Makes room for slots 0…slots-1. */
  ensureCapacity(slots: number): void {
    if (slots <= this.capacity) return;
    // A row is 176 bytes: doubling would leave up to ~8 MB per 45,000 cases unused; a
    // quarter more at a time keeps the slack small and the copies few (~20 up to 50,000).
    const capacity = Math.max(slots, Math.ceil(this.capacity * 1.25), 1024);
    const rows = new Int32Array(SIGNATURE_WORDS * capacity);
    rows.set(this.rows);
    this.rows = rows;
    const heads = new Int32Array(HEAD_WORDS * capacity);
    heads.set(this.heads);
    this.heads = heads;
    this.capacity = capacity;
  }

  /** Fingerprints already normalized (lowercase, accent-free) text into `slot`. */
  write(slot: number, text: string): void {
    const rows = this.rows;
    const base = slot * SIGNATURE_WORDS;
    rows.fill(0, base, base + SIGNATURE_WORDS);
    let previous = -1;
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      if (isSpace(code)) {
        previous = -1;
        continue;
      }
      const current = classOf(code);
      rows[base + (current >>> 5)]! |= 1 << (current & 31);
      if (previous >= 0) {
        const bit = CHAR_BITS + previous * CLASSES + current;
        rows[base + (bit >>> 5)]! |= 1 << (bit & 31);
      }
      previous = current;
    }
    for (let word = 0; word < HEAD_WORDS; word += 1) this.heads[slot * HEAD_WORDS + word] = rows[base + word]!;
  }

  allows(slot: number, probe: TokenProbe): boolean {
    const headOnly = probe.headOnly;
    const rows = headOnly ? this.heads : this.rows;
    const base = slot * (headOnly ? HEAD_WORDS : SIGNATURE_WORDS);
    const required = probe.required;
    for (let i = 0; i < required.length; i += 2) {
      const mask = required[i + 1]!;
      if ((rows[base + required[i]!]! & mask) !== mask) return false;
    }
    return true;
  }
}
