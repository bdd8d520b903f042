import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { caseDetailSchema } from '../../../shared/model/case';
import { customerSchema } from '../../../shared/model/customer';
import { CASES_PER_SLICE, yieldToEventLoop } from './event-loop-slices';

/**
 * What one domain's cache file holds, as JSON lines: a header line (this format, the
 * domain, sync state, customers, how many cases follow), then one case per line. Lines
 * let a save and a load work in slices, so 45,000 cases never freeze the main process.
 * Bump `format` when the shape changes: a file of another format is ignored (sync refills it).
 */
export const CACHE_FORMAT = 2;

export const cachedCaseSchema = z.object({
  detail: caseDetailSchema,
  /** Comments and attachments were fetched at least once (list syncs bring only fields). */
  threadLoaded: z.boolean(),
  /** When the case was last read in full from the server (ISO): a saved copy shows it. */
  savedAt: z.string().optional(),
});
export type CachedCase = z.infer<typeof cachedCaseSchema>;

export const cacheHeaderSchema = z.object({
  format: z.literal(CACHE_FORMAT),
  domain: z.string(),
  lastSyncedAt: z.string().nullable(),
  /** Per organization: the newest updateTime seen, for incremental searches. */
  cursors: z.record(z.string(), z.string()),
  customers: z.array(customerSchema),
  /** Case lines that follow, so a truncated file is noticed. */
  caseCount: z.number().int().nonnegative(),
});
export type CacheSnapshot = Omit<z.infer<typeof cacheHeaderSchema>, 'caseCount'> & { cases: CachedCase[] };

export type CacheReadResult =
  | { kind: 'missing' }
  | { kind: 'loaded'; snapshot: CacheSnapshot; skipped: number }
  | { kind: 'corrupt'; reason: string };

/** A file name safe on every OS for a domain name (already validated as one). */
export function cacheFilePath(dataDir: string, domain: string): string {
  return path.join(dataDir, `cases-${domain.replace(/[^a-z0-9.-]/gi, '_')}.json`);
}

function parseJson(line: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(line) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

/**
 * Reads a domain's cache, line by line, yielding between slices. A missing file is
 * normal (first run); a header that is not JSON, not our format or of another domain is
 * reported as corrupt so the caller starts empty; case lines that are damaged, or missing
 * from a truncated file, are counted as skipped rather than losing the whole cache.
 */
export async function readCacheFile(file: string, domain: string): Promise<CacheReadResult> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let header: z.infer<typeof cacheHeaderSchema> | undefined;
  const cases: CachedCase[] = [];
  let skipped = 0;
  try {
    for await (const line of lines) {
      if (header === undefined) {
        const json = parseJson(line);
        if (!json.ok) return { kind: 'corrupt', reason: `not JSON: ${json.message}` };
        const parsed = cacheHeaderSchema.safeParse(json.value);
        if (!parsed.success) {
          return { kind: 'corrupt', reason: `unexpected header: ${parsed.error.issues[0]?.message ?? ''}` };
        }
        if (parsed.data.domain !== domain) return { kind: 'corrupt', reason: `belongs to ${parsed.data.domain}` };
        header = parsed.data;
        continue;
      }
      if (line === '') continue;
      const json = parseJson(line);
      const entry = json.ok ? cachedCaseSchema.safeParse(json.value) : undefined;
      if (entry?.success && entry.data.detail.domain === domain) cases.push(entry.data);
      else skipped += 1;
      if ((cases.length + skipped) % CASES_PER_SLICE === 0) await yieldToEventLoop();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'corrupt', reason: `unreadable: ${(error as Error).message}` };
  } finally {
    lines.close();
  }
  if (header === undefined) return { kind: 'corrupt', reason: 'empty file' };
  const { caseCount, ...rest } = header;
  skipped += Math.max(0, caseCount - cases.length - skipped);
  return { kind: 'loaded', snapshot: { ...rest, cases }, skipped };
}

/** The file's lines, a slice of cases at a time, letting other callbacks run in between. */
async function* cacheLines(snapshot: CacheSnapshot): AsyncGenerator<string> {
  const { cases, ...rest } = snapshot;
  yield `${JSON.stringify({ ...rest, caseCount: cases.length })}\n`;
  for (let start = 0; start < cases.length; start += CASES_PER_SLICE) {
    await yieldToEventLoop();
    let slice = '';
    for (const cached of cases.slice(start, start + CASES_PER_SLICE)) slice += `${JSON.stringify(cached)}\n`;
    yield slice;
  }
}

/** Writes to a temp file then renames over the old one, so a crash never leaves half a file. */
export async function writeCacheFile(file: string, snapshot: CacheSnapshot): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await pipeline(Readable.from(cacheLines(snapshot)), createWriteStream(temp, { encoding: 'utf8' }));
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export async function deleteCacheFile(file: string): Promise<void> {
  await rm(file, { force: true });
}
