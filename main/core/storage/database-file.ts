import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** SQLite keeps a write-ahead log and its index beside the database while it is open (WAL mode). */
const COMPANION_SUFFIXES = ['', '-wal', '-shm'] as const;

/**
 * One database file per domain, under `<dataDir>/domains/`: sign-out deletes one file, and
 * nothing of one domain can sit in another's tables. The name is safe on every OS for a
 * domain name (already validated as one).
 */
export function databaseFilePath(dataDir: string, domain: string): string {
  return path.join(dataDir, 'domains', `${safeName(domain)}.sqlite3`);
}

/** The folder of one domain's draft files (copies of what was attached, named by sha256). */
export function draftFilesPath(dataDir: string, domain: string): string {
  return path.join(dataDir, 'drafts', safeName(domain));
}

function safeName(domain: string): string {
  return domain.toLowerCase().replace(/[^a-z0-9.-]/g, '_');
}

/** Deletes the database with its write-ahead log (sign-out). */
export async function removeDatabaseFiles(file: string): Promise<void> {
  for (const suffix of COMPANION_SUFFIXES) await rm(`${file}${suffix}`, { force: true });
}

/**
 * Moves a damaged database (with its log, which belongs to it) aside as
 * `<file>.corrupt-<time>`, so a fresh one can be created and the old one stays for salvage
 * and for a bug report. Returns where it went.
 */
export function quarantinePath(file: string, now: number): string {
  return `${file}.corrupt-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
}

export async function moveDatabaseFiles(from: string, to: string): Promise<void> {
  for (const suffix of COMPANION_SUFFIXES) {
    if (existsSync(`${from}${suffix}`)) await rename(`${from}${suffix}`, `${to}${suffix}`);
  }
}
