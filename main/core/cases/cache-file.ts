import { createReadStream } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { caseDetailSchema } from '../../../shared/model/case';
import { customerSchema } from '../../../shared/model/customer';
import { CASES_PER_SLICE, yieldToEventLoop } from './event-loop-slices';

/**
 * The case cache file of earlier versions, read once to move it into the domain's
 * database (see DomainCache.load), then deleted. It held JSON lines: a header line (this
 * format, the domain, sync state, customers, how many cases follow), then one case per
 * line. A file of another format is ignored (sync refills the cache).
 */
export const CACHE_FORMAT = 2;

export const cachedCaseSchema = z.object({
  detail: caseDetailSchema,
  /** Comments and attachments were fetched at least once (list syncs bring only fields). */
  threadLoaded: z.boolean(),
});
export type LegacyCachedCase = z.infer<typeof cachedCaseSchema>;

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
export type CacheSnapshot = Omit<z.infer<typeof cacheHeaderSchema>, 'caseCount'> & { cases: LegacyCachedCase[] };

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
  const cases: LegacyCachedCase[] = [];
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

/**
 * Deletes a domain's old cache file and the temp files interrupted saves left beside it
 * (`cases-<domain>.json.<pid>.<ms>.tmp`: 50 kills during a 22 MB save left 564 MB of them).
 */
export async function removeCacheFiles(file: string): Promise<void> {
  const prefix = `${path.basename(file)}.`;
  let names: string[] = [];
  try {
    names = await readdir(path.dirname(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await rm(file, { force: true });
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith('.tmp'))
      await rm(path.join(path.dirname(file), name), { force: true });
  }
}
