/**
 * The searchable text of every slot laid end to end, so a keyword token that most cases
 * contain (the first letters typed) is found by one native `indexOf` sweep instead of
 * one substring test per case. Kept in chunks of slots: a changed case rebuilds only
 * its chunk, at the next search, so a sync writing cases while the user types stays cheap.
 * The only copy of each slot's text (a case's own test reads it from its chunk too): one
 * per case would cost another ~70 B per case.
 */

const CHUNK_BITS = 10;
const CHUNK_SLOTS = 1 << CHUNK_BITS;
/** Never part of a token (tokens hold no whitespace): a match cannot span two slots. */
const SEPARATOR = '\n';

interface Chunk {
  text: string;
  /** Where each slot's text starts in `text`, plus one past the end: CHUNK_SLOTS + 1 entries. */
  starts: Int32Array;
}

export class SearchCorpus {
  private chunks: (Chunk | null)[] = [];
  /** Chunks whose slots changed since they were built: rebuilt at the next search. */
  private stale: boolean[] = [];
  /** New texts of changed slots, until their chunk is rebuilt. */
  private readonly changed = new Map<number, string>();

  /** Sets a slot's normalized text ('' for a free slot); its chunk is rebuilt at the next search. */
  set(slot: number, text: string): void {
    const chunk = slot >> CHUNK_BITS;
    while (this.chunks.length <= chunk) {
      this.chunks.push(null);
      this.stale.push(true);
    }
    this.stale[chunk] = true;
    this.changed.set(slot, text);
  }

  /** Whether the slot's text holds `token`. */
  contains(slot: number, token: string): boolean {
    const { text, starts } = this.chunk(slot >> CHUNK_BITS);
    const local = slot & (CHUNK_SLOTS - 1);
    const start = starts[local]!;
    const end = starts[local + 1]! - SEPARATOR.length;
    return end - start >= token.length && text.slice(start, end).includes(token);
  }

  /** Sets `found[slot] = stamp` for every slot below `slotCount` whose text contains `token`. */
  mark(token: string, slotCount: number, found: Uint32Array, stamp: number): void {
    const chunkCount = Math.ceil(slotCount / CHUNK_SLOTS);
    for (let c = 0; c < chunkCount; c += 1) {
      const chunk = this.chunk(c);
      const { text, starts } = chunk;
      const base = c << CHUNK_BITS;
      // Hits come in increasing positions: the slot holding each is found by walking forward, not searching.
      let local = 0;
      let at = text.indexOf(token);
      while (at !== -1) {
        while (starts[local + 1]! <= at) local += 1;
        found[base + local] = stamp;
        local += 1;
        at = text.indexOf(token, starts[local]!);
      }
    }
  }

  /** Builds the chunks changed since the last search, so that the next keystroke does not have to. */
  prepare(slotCount: number): void {
    const chunkCount = Math.ceil(slotCount / CHUNK_SLOTS);
    for (let c = 0; c < chunkCount; c += 1) this.chunk(c);
  }

  private chunk(index: number): Chunk {
    while (this.chunks.length <= index) {
      this.chunks.push(null);
      this.stale.push(true);
    }
    const built = this.chunks[index];
    if (built && !this.stale[index]) return built;
    const parts: string[] = new Array<string>(CHUNK_SLOTS);
    const starts = new Int32Array(CHUNK_SLOTS + 1);
    let length = 0;
    const first = index << CHUNK_BITS;
    for (let i = 0; i < CHUNK_SLOTS; i += 1) {
      const slot = first + i;
      let text = this.changed.get(slot);
      if (text === undefined) {
        text = built ? built.text.slice(built.starts[i]!, built.starts[i + 1]! - SEPARATOR.length) : '';
      } else {
        this.changed.delete(slot);
      }
      parts[i] = text;
      starts[i] = length;
      length += text.length + SEPARATOR.length;
    }
    starts[CHUNK_SLOTS] = length;
    const chunk = { text: parts.join(SEPARATOR), starts };
    this.chunks[index] = chunk;
    this.stale[index] = false;
    return chunk;
  }
}
