import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/app-error';
import { draftContentSchema, type Draft, type DraftContent, type DraftFile } from '../../../shared/model/draft';
import type { StagedFile } from '../../../shared/model/case-actions';
import type { StagedFiles } from '../files/staged-files';
import type { Clock, Logger } from '../ports';
import type { DomainDatabase } from '../storage/domain-database';
import { DraftStore, type DraftFileRow, type DraftRow } from '../storage/draft-store';
import { copyIntoStore, type RenameFile } from './draft-file-copy';

/** A discarded draft can be restored (undo) this long; it is purged after. */
export const KEEP_DISCARDED_MS = 24 * 60 * 60_000;

/** A draft's file as the outbox uploads it: the stored copy on disk and what Google is told. */
export interface DraftFileOnDisk extends DraftFile {
  path: string;
}

export interface DomainDraftsOptions {
  domain: string;
  database: DomainDatabase;
  /** This domain's folder of stored copies: `<dataDir>/drafts/<domain>`; sign-out deletes it. */
  filesDir: string;
  /** Staged files are copied from here; a draft's copies are registered back under their fileId. */
  stagedFiles: Pick<StagedFiles, 'open' | 'describe' | 'adopt' | 'release'>;
  /** Whether the case is one of this domain's customers' (a message or change may answer only those). */
  ownsCase(name: string): boolean;
  ownsCustomer(customerId: string): boolean;
  /** drafts:changed of this domain. */
  emitChanged(): void;
  clock: Clock;
  log: Logger;
  newId?: () => string;
  renameFile?: RenameFile;
}

/**
 * One domain's drafts, in its database: each change is one transaction, committed with
 * synchronous=FULL before the call returns, so an acknowledged change survives kill -9
 * and power loss. A discarded draft stays restorable for KEEP_DISCARDED_MS. Its files
 * are copied into the domain's folder when attached, so the draft never depends on the
 * original, and each copy is registered as a staged file under its fileId (uploads read
 * the copy, also after a restart).
 */
export class DomainDrafts {
  private readonly store: DraftStore;
  private readonly newId: () => string;
  /** Attaches between the first byte copied and the row committed: no sweep meanwhile. */
  private copiesInProgress = 0;
  /** The file ids this domain registered as staged files (its stored copies). */
  private readonly adoptedIds = new Set<string>();
  private disposed = false;

  constructor(private readonly options: DomainDraftsOptions) {
    this.store = new DraftStore(options.database);
    this.newId = options.newId ?? (() => randomBytes(12).toString('base64url'));
    for (const file of this.store.allFiles()) this.adopt(file);
  }

  /** Purges the drafts discarded long ago and the copies nothing refers to (temp files of a crash too). */
  async purge(): Promise<void> {
    const before = new Date(this.options.clock.now() - KEEP_DISCARDED_MS).toISOString();
    const purged = this.store.purgeDiscarded(before);
    if (purged.length > 0)
      this.options.log.info(`Purged ${purged.length} discarded draft(s) of ${this.options.domain}`);
    await this.sweepFiles();
  }

  /** The drafts being worked on, newest first. */
  list(): Draft[] {
    return this.store.listLive().flatMap((row) => this.toDraft(row) ?? []);
  }

  /** Whether this domain's database holds the id (live, discarded or consumed). */
  has(id: string): boolean {
    return this.store.get(id) !== undefined;
  }

  /** Creates or replaces the draft's content; returns once committed to disk. */
  save(id: string, content: DraftContent): { id: string; revision: number; updatedAt: string } {
    this.checkContent(content);
    const before = this.store.get(id);
    if (before && before.kind !== content.kind) {
      throw new AppError('invalid_argument', `Draft ${id} is a ${before.kind} draft, not a ${content.kind} one.`, {
        field: 'content',
      });
    }
    const saved = this.store.save({
      id,
      kind: content.kind,
      caseName: 'caseName' in content ? content.caseName : null,
      customerId: content.kind === 'new_case' ? content.customerId : null,
      content: JSON.stringify(content),
      now: this.nowIso(),
    });
    if (!saved) throw gone(id);
    this.options.emitChanged();
    return { id, revision: saved.revision, updatedAt: saved.updatedAt };
  }

  discard(id: string): void {
    if (!this.store.discard(id, this.nowIso())) throw missing(id);
    this.options.emitChanged();
    // Each discard also ends the undo window of those discarded KEEP_DISCARDED_MS ago, in a long-running app too.
    this.purge().catch((error: unknown) =>
      this.options.log.warn(`Purging the drafts of ${this.options.domain} failed`, error),
    );
  }

  /** Undoes a discard: the draft is back as it was, with its files. */
  restore(id: string): Draft {
    if (!this.store.restore(id, this.nowIso())) throw missing(id);
    this.options.emitChanged();
    return this.require(id);
  }

  duplicate(id: string): Draft {
    const copy = this.store.duplicate(id, this.newId(), this.nowIso());
    if (!copy) throw missing(id);
    this.options.emitChanged();
    return this.require(copy.id);
  }

  /**
   * Copies a staged file into the draft: hashed while copied, synced, renamed into the
   * domain's folder; then the row is committed. The original may go afterwards.
   */
  async attach(id: string, fileId: string): Promise<DraftFile> {
    this.requireLive(id);
    const staged = this.options.stagedFiles.describe(fileId);
    this.copiesInProgress += 1;
    try {
      const source = await this.options.stagedFiles.open(fileId);
      const copy = await copyIntoStore(source, this.options.filesDir, this.options.renameFile);
      const row: Omit<DraftFileRow, 'position'> = {
        draftId: id,
        fileId,
        name: staged.filename,
        size: copy.size,
        mimeType: staged.mimeType,
        sha256: copy.sha256,
        path: copy.fileName,
      };
      if (this.disposed || !this.store.attach(row, this.nowIso())) throw gone(id);
      this.adopt(row);
      this.options.emitChanged();
      return toDraftFile(row);
    } finally {
      this.copiesInProgress -= 1;
    }
  }

  async detach(id: string, fileId: string): Promise<void> {
    if (!this.store.detach(id, fileId, this.nowIso())) throw missing(id);
    this.options.emitChanged();
    await this.sweepFiles();
  }

  /** A draft's stored files, in order, for upload (the outbox reads them by `path`). */
  filesOf(id: string): DraftFileOnDisk[] {
    return this.store.files(id).map((row) => ({ ...toDraftFile(row), path: this.pathOf(row) }));
  }

  /**
   * Takes a live draft for the outbox: marked consumed (out of the list, never purged),
   * its files kept until `release`. Synchronous, so it can run inside the outbox's own
   * `database.transaction(...)` with the insert of its row: both commit, or neither.
   * Throws not_found when the draft is not live (already submitted, discarded).
   */
  consume(id: string): Draft & { files: DraftFileOnDisk[] } {
    const draft = this.require(id);
    if (!this.store.consume(id, this.nowIso())) throw missing(id);
    return { ...draft, files: this.filesOf(id) };
  }

  /** Gives a consumed draft back to the user (outbox:edit). */
  unconsume(id: string): Draft {
    if (!this.store.unconsume(id, this.nowIso())) throw missing(id);
    this.options.emitChanged();
    return this.require(id);
  }

  /** The outbox is done with a consumed draft (sent, or discarded): it goes with its copies. */
  async release(id: string): Promise<void> {
    if (this.store.remove(id)) this.options.emitChanged();
    await this.sweepFiles();
  }

  /** Sign-out: the domain's stored copies go with its database. */
  async destroyFiles(): Promise<void> {
    this.dispose();
    await rm(this.options.filesDir, { recursive: true, force: true });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // The stored copies stop being uploadable by id once the domain is gone.
    for (const id of this.adoptedIds) this.options.stagedFiles.release(id);
    this.adoptedIds.clear();
  }

  private checkContent(content: DraftContent): void {
    if (content.kind === 'new_case') {
      if (content.customerId !== null && !this.options.ownsCustomer(content.customerId)) {
        throw new AppError('not_found', `This customer is not one of ${this.options.domain}'s.`, {
          customerId: content.customerId,
        });
      }
      return;
    }
    if (!this.options.ownsCase(content.caseName)) {
      throw new AppError('not_found', `This case does not belong to a customer of ${this.options.domain}.`, {
        name: content.caseName,
      });
    }
  }

  private require(id: string): Draft {
    const row = this.store.get(id);
    const draft = row && this.toDraft(row);
    if (!draft) throw missing(id);
    return draft;
  }

  private requireLive(id: string): void {
    const row = this.store.get(id);
    if (!row || row.discardedAt !== null || row.consumedAt !== null) throw missing(id);
  }

  private toDraft(row: DraftRow): Draft | null {
    let parsed: unknown;
    try {
      parsed = JSON.parse(row.content);
    } catch {
      parsed = undefined;
    }
    const content = draftContentSchema.safeParse(parsed);
    if (!content.success) {
      // A row salvaged from a damaged file, or written by another version: kept, not shown.
      this.options.log.warn(`Draft ${row.id} of ${this.options.domain} could not be read; it is left out`);
      return null;
    }
    return {
      id: row.id,
      domain: this.options.domain,
      content: content.data,
      files: this.store.files(row.id).map(toDraftFile),
      revision: row.revision,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  private adopt(row: Omit<DraftFileRow, 'position'>): void {
    const staged: StagedFile = { fileId: row.fileId, filename: row.name, sizeBytes: row.size, mimeType: row.mimeType };
    this.options.stagedFiles.adopt(staged, this.pathOf(row));
    this.adoptedIds.add(row.fileId);
  }

  private pathOf(row: Pick<DraftFileRow, 'path'>): string {
    return path.join(this.options.filesDir, path.basename(row.path));
  }

  /** Deletes the copies no draft refers to any more (and their file ids). */
  private async sweepFiles(): Promise<void> {
    if (this.copiesInProgress > 0 || this.disposed) return;
    const rows = this.store.allFiles();
    const kept = new Set(rows.map((row) => path.basename(row.path)));
    const keptIds = new Set(rows.map((row) => row.fileId));
    let names: string[];
    try {
      names = await readdir(this.options.filesDir);
    } catch {
      return;
    }
    for (const name of names) {
      // No copy is in progress: a temp file is the leftover of a crash.
      if (kept.has(name)) continue;
      await rm(path.join(this.options.filesDir, name), { force: true }).catch((error: unknown) => {
        this.options.log.warn(`Could not delete the unused draft file ${name}`, error);
      });
    }
    this.releaseUnreferenced(keptIds);
  }

  private releaseUnreferenced(keptIds: Set<string>): void {
    for (const id of this.adoptedIds) {
      if (!keptIds.has(id)) {
        this.options.stagedFiles.release(id);
        this.adoptedIds.delete(id);
      }
    }
  }

  private nowIso(): string {
    return new Date(this.options.clock.now()).toISOString();
  }
}

function toDraftFile(row: Omit<DraftFileRow, 'position'>): DraftFile {
  return { fileId: row.fileId, name: row.name, size: row.size, mimeType: row.mimeType, sha256: row.sha256 };
}

function missing(id: string): AppError {
  return new AppError('not_found', `There is no draft ${id} in this domain.`, { reason: 'draft_not_found' });
}

function gone(id: string): AppError {
  return new AppError('not_found', `Draft ${id} was discarded or submitted meanwhile.`, { reason: 'draft_gone' });
}
