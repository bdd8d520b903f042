import { createHash } from 'node:crypto';
import { AppError, isAppError } from '../../../shared/app-error';
import type { CaseAttachment, CaseDetail } from '../../../shared/model/case';
import type { TransferProgress } from '../../../shared/model/case-actions';
import type { CloudSupportClient } from '../api/cloud-support-client';
import { checkAttachmentName, parentOfCase } from '../api/resource-names';
import type { StagedFiles } from '../files/staged-files';
import { progressReporter, type Transfers } from '../files/transfers';
import type { StoredFile } from '../outbox/domain-outbox';
import type { Clock, FileAccess, FileDialogs, FileSource } from '../ports';
import { toAttachment } from './case-mapper';
import { PerCaseQueue } from './per-case-queue';

/** The app-wide parts every domain's attachments share: staged files, transfers, disk, dialogs. */
export interface AttachmentPorts {
  stagedFiles: StagedFiles;
  files: FileAccess;
  dialogs: FileDialogs;
  transfers: Transfers;
}

/** What one domain's attachments need; its DomainSession provides each. */
export interface DomainAttachmentsDeps extends AttachmentPorts {
  domain: string;
  /** This domain's Cloud Support client; throws session_expired while the domain must sign in again. */
  cloudSupport(): Pick<CloudSupportClient, 'uploadAttachment' | 'downloadAttachment'>;
  /** True when the organization is one of this domain's customers: no other domain's case is touched. */
  ownsOrganization(organization: string): boolean;
  /** The cached detail of a case, if any. */
  cachedCase(name: string): CaseDetail | undefined;
  /** Reads the case again and records it, so its history and the lists show the change. */
  refreshCase(name: string): Promise<CaseDetail>;
  emitProgress(progress: TransferProgress): void;
  clock: Clock;
  log: { warn(message: string, error?: unknown): void };
}

export interface UploadRequest {
  fileId: string;
  transferId: string;
}

export type UploadOutcome =
  { transferId: string; ok: true; attachment: CaseAttachment } | { transferId: string; ok: false; error: AppError };

/**
 * Uploads and downloads of one reseller domain's attachments. Uploads stream the staged
 * file as a multipart body (memory stays flat) and run one after the other per case, in
 * the order asked; downloads stream into a `.part` file where the user chose in the save
 * dialog. Both report `transfer:progress` and stop when `transfer:cancel` names them.
 */
export class DomainAttachments {
  /** Each case's uploads, one at a time. */
  private readonly uploads = new PerCaseQueue();
  /**
   * Staged files whose upload was cut off after the whole body left and could not be
   * checked on the case: Retry looks for the file (among those not there before) first.
   */
  private readonly unchecked = new Map<string, { caseName: string; known: ReadonlySet<string> }>();

  constructor(private readonly deps: DomainAttachmentsDeps) {}

  /** Uploads a staged file to a case of this domain; the staged file is released once uploaded. */
  async upload(caseName: string, fileId: string, transferId: string): Promise<CaseAttachment> {
    this.requireOwnCase(caseName);
    const staged = this.deps.stagedFiles.describe(fileId);
    const attachment = await this.send(caseName, staged, transferId, () => this.deps.stagedFiles.open(fileId), fileId);
    this.unchecked.delete(fileId);
    this.deps.stagedFiles.release(fileId);
    await this.refresh(caseName);
    return attachment;
  }

  /**
   * Uploads a copy the core stored (a draft's file, for the outbox): read from its path,
   * after checking it still has the sha256 it had when attached, so a copy damaged or
   * replaced on disk is refused rather than sent in the user's name.
   */
  async uploadStored(caseName: string, file: StoredFile, transferId: string): Promise<CaseAttachment> {
    this.requireOwnCase(caseName);
    const described = { filename: file.name, sizeBytes: file.size };
    const attachment = await this.send(caseName, described, transferId, async () => {
      const unreadable = () =>
        new AppError('not_found', `The stored copy of "${file.name}" is gone: attach the file again.`, {
          reason: 'file_not_staged',
          filename: file.name,
        });
      const source = await this.deps.files.openForUpload(file.path).catch(() => {
        throw unreadable();
      });
      if ((await sha256Of(source).catch(() => null)) !== file.sha256) throw unreadable();
      return { filename: file.name, size: source.size, mimeType: file.mimeType, stream: () => source.stream() };
    });
    await this.refresh(caseName);
    return attachment;
  }

  /**
   * One upload through the case's queue, with its progress; an ambiguous end is checked on
   * the case. With `stagedId`, an end the check could not settle is remembered, and the
   * next upload of that file to the case looks for it before sending it again.
   */
  private async send(
    caseName: string,
    file: { filename: string; sizeBytes: number },
    transferId: string,
    open: () => Promise<FileSource>,
    stagedId?: string,
  ): Promise<CaseAttachment> {
    const identity = { transferId, direction: 'upload', caseName, filename: file.filename } as const;
    const earlier = stagedId === undefined ? undefined : this.unchecked.get(stagedId);
    const retry = earlier?.caseName === caseName;
    const known =
      earlier && retry
        ? earlier.known
        : new Set(this.deps.cachedCase(caseName)?.attachments.map((attachment) => attachment.name));
    let bodySent = false;
    return this.transfer(
      identity,
      file.sizeBytes,
      (signal, onProgress) =>
        this.uploads.run(caseName, async () => {
          throwIfCancelled(signal);
          const landed = retry ? await this.landed(caseName, file, known) : undefined;
          if (landed) return { value: landed, bytes: landed.sizeBytes };
          const source = await open();
          const wire = await this.deps.cloudSupport().uploadAttachment(caseName, source, {
            signal,
            onProgress: (sent, total) => {
              bodySent = sent >= total;
              onProgress(sent, total);
            },
          });
          const uploaded = toAttachment(wire);
          return { value: uploaded, bytes: uploaded.sizeBytes };
        }),
      // Cancelled or cut off after the whole body left: Google may have kept the file. Say what happened.
      async () => {
        if (!bodySent) return undefined;
        const landed = await this.landed(caseName, file, known).catch((error: unknown) => {
          this.deps.log.warn(`Checking whether an upload cut off reached ${caseName} failed`, error);
          if (stagedId !== undefined) this.unchecked.set(stagedId, { caseName, known });
          return undefined;
        });
        return landed && { value: landed, bytes: landed.sizeBytes };
      },
    );
  }

  /**
   * The attachments of a case just filed, one after the other. Never throws: each
   * outcome says how its file went (its `transfer:progress` said it too).
   */
  async uploadAll(caseName: string, uploads: readonly UploadRequest[]): Promise<UploadOutcome[]> {
    return Promise.all(
      uploads.map(({ fileId, transferId }) =>
        this.upload(caseName, fileId, transferId).then(
          (attachment): UploadOutcome => ({ transferId, ok: true, attachment }),
          (error: unknown): UploadOutcome => {
            const failure = asAppError(error);
            this.deps.log.warn(`An attachment of ${caseName} was not uploaded: ${failure.code}`);
            return { transferId, ok: false, error: failure };
          },
        ),
      ),
    );
  }

  /** Asks where to save, then streams the attachment there; null when the save dialog was cancelled. */
  async download(attachmentName: string, transferId: string): Promise<{ savedTo: string; bytes: number } | null> {
    checkAttachmentName(attachmentName);
    const caseName = attachmentName.slice(0, attachmentName.indexOf('/attachments/'));
    this.requireOwnCase(caseName);
    const attachment = await this.findAttachment(caseName, attachmentName);
    const path = await this.deps.dialogs.chooseSaveLocation(safeFilename(attachment.filename));
    if (path === null) return null;
    const identity = { transferId, direction: 'download', caseName, filename: attachment.filename } as const;
    return this.transfer(identity, attachment.sizeBytes, async (signal, onProgress) => {
      const sink = await this.deps.files.createForDownload(path);
      const bytes = await this.deps.cloudSupport().downloadAttachment(attachmentName, sink, {
        signal,
        expectedBytes: attachment.sizeBytes,
        onProgress,
      });
      return { value: { savedTo: path, bytes }, bytes };
    });
  }

  /**
   * One transfer, upload or download: registered so `transfer:cancel` can abort it, its
   * progress reported from 0 to its final state (`done` with the bytes moved, else
   * `cancelled` or `failed`, and the refusal rethrown).
   */
  private async transfer<T>(
    identity: Omit<TransferProgress, 'domain' | 'transferredBytes' | 'totalBytes' | 'state'>,
    totalBytes: number,
    work: (
      signal: AbortSignal,
      onProgress: (transferred: number, total: number) => void,
    ) => Promise<{ value: T; bytes: number }>,
    /** What actually happened when the work failed in a way that may still have succeeded. */
    recover?: () => Promise<{ value: T; bytes: number } | undefined>,
  ): Promise<T> {
    const signal = this.deps.transfers.begin(identity.transferId);
    const progress = progressReporter(this.deps.emitProgress, this.deps.clock, {
      domain: this.deps.domain,
      ...identity,
    });
    progress.running(0, totalBytes);
    try {
      const { value, bytes } = await work(signal, (transferred, total) => progress.running(transferred, total));
      progress.settle('done', bytes);
      return value;
    } catch (error) {
      const failure = asCancelled(error, signal);
      const recovered = await recover?.();
      if (recovered) {
        progress.settle('done', recovered.bytes);
        return recovered.value;
      }
      if (failure.code === 'cancelled') progress.settle('cancelled');
      else progress.settle('failed', undefined, failure.toData());
      throw failure;
    } finally {
      this.deps.transfers.end(identity.transferId, signal);
    }
  }

  private requireOwnCase(caseName: string): void {
    if (!this.deps.ownsOrganization(parentOfCase(caseName))) {
      throw new AppError('not_found', `This case does not belong to a customer of ${this.deps.domain}.`, {
        name: caseName,
      });
    }
  }

  private async findAttachment(caseName: string, attachmentName: string): Promise<CaseAttachment> {
    const byName = (detail: CaseDetail | undefined) => detail?.attachments.find((a) => a.name === attachmentName);
    const found = byName(this.deps.cachedCase(caseName)) ?? byName(await this.deps.refreshCase(caseName));
    if (!found) throw new AppError('not_found', 'This attachment cannot be found.', { name: attachmentName });
    return found;
  }

  /**
   * The attachment an ambiguous upload left on the case, if it did: same name and size, not
   * there before. Rejects when the case cannot be read: then nobody knows.
   */
  private async landed(
    caseName: string,
    staged: { filename: string; sizeBytes: number },
    known: ReadonlySet<string>,
  ): Promise<CaseAttachment | undefined> {
    const detail = await this.deps.refreshCase(caseName);
    return detail.attachments.find(
      (attachment) =>
        !known.has(attachment.name) &&
        attachment.filename === staged.filename &&
        attachment.sizeBytes === staged.sizeBytes,
    );
  }

  /** The upload is done even if re-reading the case fails: the next sync shows it. */
  private async refresh(caseName: string): Promise<void> {
    try {
      await this.deps.refreshCase(caseName);
    } catch (error) {
      this.deps.log.warn(`Re-reading ${caseName} after an upload failed`, error);
    }
  }
}

function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new AppError('cancelled', 'The transfer was cancelled.');
}

function asCancelled(error: unknown, signal: AbortSignal): AppError {
  if (signal.aborted && !(isAppError(error) && error.code === 'cancelled')) {
    return new AppError('cancelled', 'The transfer was cancelled.', undefined, { cause: error });
  }
  return asAppError(error);
}

function asAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  return new AppError('internal', error instanceof Error ? error.message : String(error), undefined, { cause: error });
}

/** The name proposed in the save dialog: no folder parts or control characters from the server. */
function safeFilename(filename: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = filename.replace(/[\u0000-\u001f\u007f/\\]/g, '_').replace(/^\.+/, '');
  return cleaned.trim() || 'attachment';
}

/** The sha256 of a file's whole content, streamed (memory stays flat). */
async function sha256Of(source: FileSource): Promise<string> {
  const hash = createHash('sha256');
  const reader = source.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return hash.digest('hex');
    hash.update(value);
  }
}
