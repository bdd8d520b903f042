import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { FileSource } from '../ports';

/** Windows refuses a rename for a moment while an antivirus or indexer holds the file. */
const RETRIED_RENAME_CODES = new Set(['EPERM', 'EACCES', 'EBUSY']);
export const RENAME_ATTEMPTS = 5;
/** Backoff between attempts: 20, 40, 80, 160 ms (≈ 0.3 s in all), what such scanners need. */
const RENAME_BACKOFF_MS = 20;

export interface StoredCopy {
  sha256: string;
  size: number;
  /** The copy's file name in the folder: its sha256, so equal contents share one copy. */
  fileName: string;
}

export type RenameFile = (from: string, to: string) => Promise<void>;

/**
 * Copies a file into `folder`, hashing it while it streams: written to a temporary file,
 * flushed to disk (fsync), then renamed to its sha256, and the folder synced so the
 * rename survives a power cut. A copy with that name already there is the same content.
 */
export async function copyIntoStore(
  source: FileSource,
  folder: string,
  renameFile: RenameFile = rename,
): Promise<StoredCopy> {
  await mkdir(folder, { recursive: true });
  const temp = path.join(folder, `.incoming-${randomBytes(8).toString('hex')}`);
  const hash = createHash('sha256');
  let size = 0;
  const handle = await open(temp, 'wx');
  try {
    const reader = source.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      hash.update(value);
      size += value.byteLength;
      await handle.write(value);
    }
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  const sha256 = hash.digest('hex');
  try {
    await renameRetrying(temp, path.join(folder, sha256), renameFile);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(folder);
  return { sha256, size, fileName: sha256 };
}

export async function renameRetrying(from: string, to: string, renameFile: RenameFile): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await renameFile(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!RETRIED_RENAME_CODES.has(code) || attempt >= RENAME_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, RENAME_BACKOFF_MS * 2 ** (attempt - 1)));
    }
  }
}

/** A folder's entry (the rename) is durable once the folder is synced; Windows cannot open folders, nor needs to. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
