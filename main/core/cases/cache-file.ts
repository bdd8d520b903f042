import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { caseDetailSchema } from '../../../shared/model/case';
import { customerSchema } from '../../../shared/model/customer';

/** What one domain's cache file holds. Bump `format` when the shape changes. */
export const CACHE_FORMAT = 1;

export const cachedCaseSchema = z.object({
  detail: caseDetailSchema,
  /** Comments and attachments were fetched at least once (list syncs bring only fields). */
  threadLoaded: z.boolean(),
});
export type CachedCase = z.infer<typeof cachedCaseSchema>;

export const cacheSnapshotSchema = z.object({
  format: z.literal(CACHE_FORMAT),
  domain: z.string(),
  lastSyncedAt: z.string().nullable(),
  /** Per organization: the newest updateTime seen, for incremental searches. */
  cursors: z.record(z.string(), z.string()),
  customers: z.array(customerSchema),
  cases: z.array(z.unknown()),
});
export type CacheSnapshot = Omit<z.infer<typeof cacheSnapshotSchema>, 'cases'> & { cases: CachedCase[] };

export type CacheReadResult =
  | { kind: 'missing' }
  | { kind: 'loaded'; snapshot: CacheSnapshot; skipped: number }
  | { kind: 'corrupt'; reason: string };

/** A file name safe on every OS for a domain name (already validated as one). */
export function cacheFilePath(dataDir: string, domain: string): string {
  return path.join(dataDir, `cases-${domain.replace(/[^a-z0-9.-]/gi, '_')}.json`);
}

/**
 * Reads a domain's cache. A missing file is normal (first run); a file that is not
 * JSON or not our shape is reported as corrupt so the caller starts empty; single
 * cases that fail their schema are skipped rather than losing the whole cache.
 */
export async function readCacheFile(file: string, domain: string): Promise<CacheReadResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'corrupt', reason: `unreadable: ${(error as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { kind: 'corrupt', reason: `not JSON: ${(error as Error).message}` };
  }
  const parsed = cacheSnapshotSchema.safeParse(json);
  if (!parsed.success) return { kind: 'corrupt', reason: `unexpected shape: ${parsed.error.issues[0]?.message ?? ''}` };
  if (parsed.data.domain !== domain) return { kind: 'corrupt', reason: `belongs to ${parsed.data.domain}` };
  const cases: CachedCase[] = [];
  let skipped = 0;
  for (const raw of parsed.data.cases) {
    const entry = cachedCaseSchema.safeParse(raw);
    if (entry.success && entry.data.detail.domain === domain) cases.push(entry.data);
    else skipped += 1;
  }
  return { kind: 'loaded', snapshot: { ...parsed.data, cases }, skipped };
}

/** Writes to a temp file then renames over the old one, so a crash never leaves half a file. */
export async function writeCacheFile(file: string, snapshot: CacheSnapshot): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temp, JSON.stringify(snapshot), 'utf8');
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export async function deleteCacheFile(file: string): Promise<void> {
  await rm(file, { force: true });
}
