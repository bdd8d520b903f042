import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppErrorData } from '../../shared/app-error';
import type { CaseAttachment } from '../../shared/model/case';
import type { StagedFile, TransferProgress } from '../../shared/model/case-actions';
import type { PartnerDeskClient } from '../ipc/partner-desk-client';
import { caseDetailKey, type CaseDetailState } from './case-detail-store';
import type { CaseListState } from './case-list-store';
import { toErrorData } from './error-data';
import { nextOutcomeSeq } from './outcome-seq';

export type TransferState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface Transfer {
  transferId: string;
  domain: string;
  caseName: string;
  direction: 'upload' | 'download';
  filename: string;
  transferredBytes: number;
  totalBytes: number;
  state: TransferState;
  /** Uploads: the file main staged; released once the transfer is over for good. */
  fileId: string | null;
  error: AppErrorData | null;
  /** Downloads: where main saved the file. */
  savedTo: string | null;
  /** Set when the transfer ended: orders it among the case's outcomes (outcome-seq.ts). */
  endedSeq: number | null;
  /** Started by main, not here (a new case's files): its events say how it ends. */
  byEvents?: true;
}

export interface TransfersState {
  /** In the order they were asked for. */
  transfers: readonly Transfer[];
  /** Queues uploads to a case: they run one after the other, in the order given. */
  enqueueUploads(domain: string, caseName: string, files: readonly StagedFile[]): void;
  /** A dropped file main refused to stage (a folder, unreadable, too large): shown with its reason. */
  stagingFailed(domain: string, caseName: string, filename: string, error: AppErrorData): void;
  /** Asks main where to save, then streams; a cancelled save dialog leaves no trace. */
  download(domain: string, caseName: string, attachment: CaseAttachment): Promise<void>;
  /** A queued upload leaves the queue; a running transfer is stopped by main. */
  cancel(transferId: string): Promise<void>;
  /** A failed upload is queued again with the same staged file. */
  retry(transferId: string): void;
  /** Removes a finished transfer from view (and releases its staged file). */
  dismiss(transferId: string): void;
  /** Dismisses every finished transfer of a case at once. */
  clearFinished(domain: string, caseName: string): void;
  /** transfer:progress */
  applyProgress(progress: TransferProgress): void;
  forget(domain: string): void;
}

const FINISHED: ReadonlySet<TransferState> = new Set(['done', 'failed', 'cancelled']);

export function isFinished(transfer: Transfer): boolean {
  return FINISHED.has(transfer.state);
}

function fromEvents(progress: TransferProgress): Transfer {
  return {
    transferId: progress.transferId,
    domain: progress.domain,
    caseName: progress.caseName,
    direction: 'upload',
    filename: progress.filename,
    transferredBytes: progress.transferredBytes,
    totalBytes: progress.totalBytes,
    state: 'running',
    fileId: null,
    error: null,
    savedTo: null,
    endedSeq: null,
    byEvents: true,
  };
}

/**
 * Uploads and downloads of attachments. The renderer never holds a file's bytes: uploads
 * name a file main staged, downloads are written to disk by main; progress comes as
 * transfer:progress events keyed by the transfer id chosen here.
 */
export function createTransfersStore(
  client: PartnerDeskClient,
  stores: { caseDetails: StoreApi<CaseDetailState>; caseLists: StoreApi<CaseListState> },
  newId: () => string = () => crypto.randomUUID(),
): StoreApi<TransfersState> {
  /** Cases whose upload queue is being worked through. */
  const draining = new Set<string>();

  return createStore<TransfersState>((set, get) => {
    const patch = (transferId: string, change: Partial<Transfer>) =>
      set((state) => ({
        transfers: state.transfers.map((t) => {
          if (t.transferId !== transferId) return t;
          const next = { ...t, ...change };
          return { ...next, endedSeq: isFinished(next) ? (t.endedSeq ?? nextOutcomeSeq()) : null };
        }),
      }));
    const find = (transferId: string) => get().transfers.find((t) => t.transferId === transferId);
    const release = (fileId: string | null) => {
      if (fileId) client.invoke('files:release', { fileId }).catch(() => undefined);
    };

    /** The uploaded attachment shows at once, before any refresh of the case. */
    const showAttachment = (domain: string, caseName: string, attachment: CaseAttachment) => {
      const detail = stores.caseDetails.getState().details[caseDetailKey(domain, caseName)]?.detail;
      if (detail && !detail.attachments.some((a) => a.name === attachment.name)) {
        stores.caseDetails.getState().apply(domain, { ...detail, attachments: [...detail.attachments, attachment] });
      }
      stores.caseLists.getState().refresh(domain);
    };

    const drain = async (domain: string, caseName: string) => {
      const key = caseDetailKey(domain, caseName);
      if (draining.has(key)) return;
      draining.add(key);
      try {
        for (;;) {
          const next = get().transfers.find(
            (t) => t.direction === 'upload' && t.domain === domain && t.caseName === caseName && t.state === 'queued',
          );
          if (!next || !next.fileId) return;
          patch(next.transferId, { state: 'running', error: null });
          try {
            const attachment = await client.invoke('attachment:upload', {
              domain,
              name: caseName,
              fileId: next.fileId,
              transferId: next.transferId,
            });
            patch(next.transferId, { state: 'done', transferredBytes: next.totalBytes, fileId: null });
            release(next.fileId);
            showAttachment(domain, caseName, attachment);
          } catch (error) {
            const data = toErrorData(error);
            if (data.code === 'cancelled' || find(next.transferId)?.state === 'cancelled') {
              patch(next.transferId, { state: 'cancelled', fileId: null });
              release(next.fileId);
            } else {
              // The staged file is kept for a retry.
              patch(next.transferId, { state: 'failed', error: data });
            }
          }
        }
      } finally {
        draining.delete(key);
      }
    };

    return {
      transfers: [],

      enqueueUploads(domain, caseName, files) {
        const queued: Transfer[] = files.map((file) => ({
          transferId: newId(),
          domain,
          caseName,
          direction: 'upload',
          filename: file.filename,
          transferredBytes: 0,
          totalBytes: file.sizeBytes,
          state: 'queued',
          fileId: file.fileId,
          error: null,
          savedTo: null,
          endedSeq: null,
        }));
        set((state) => ({ transfers: [...state.transfers, ...queued] }));
        void drain(domain, caseName);
      },

      stagingFailed(domain, caseName, filename, error) {
        const failed: Transfer = {
          transferId: newId(),
          domain,
          caseName,
          direction: 'upload',
          filename,
          transferredBytes: 0,
          totalBytes: 0,
          state: 'failed',
          fileId: null,
          error,
          savedTo: null,
          endedSeq: nextOutcomeSeq(),
        };
        set((state) => ({ transfers: [...state.transfers, failed] }));
      },

      async download(domain, caseName, attachment) {
        const transferId = newId();
        set((state) => ({
          transfers: [
            ...state.transfers,
            {
              transferId,
              domain,
              caseName,
              direction: 'download',
              filename: attachment.filename,
              transferredBytes: 0,
              totalBytes: attachment.sizeBytes,
              state: 'running',
              fileId: null,
              error: null,
              savedTo: null,
              endedSeq: null,
            },
          ],
        }));
        try {
          const saved = await client.invoke('attachment:download', {
            domain,
            attachment: attachment.name,
            transferId,
          });
          if (saved) patch(transferId, { state: 'done', savedTo: saved.savedTo, transferredBytes: saved.bytes });
          else set((state) => ({ transfers: state.transfers.filter((t) => t.transferId !== transferId) }));
        } catch (error) {
          const data = toErrorData(error);
          if (data.code === 'cancelled' || find(transferId)?.state === 'cancelled')
            patch(transferId, { state: 'cancelled' });
          else patch(transferId, { state: 'failed', error: data });
        }
      },

      async cancel(transferId) {
        const transfer = find(transferId);
        if (!transfer || isFinished(transfer)) return;
        if (transfer.state === 'queued') {
          patch(transferId, { state: 'cancelled', fileId: null });
          release(transfer.fileId);
          return;
        }
        patch(transferId, { state: 'cancelled' });
        await client.invoke('transfer:cancel', { transferId }).catch(() => undefined);
      },

      retry(transferId) {
        const transfer = find(transferId);
        if (!transfer || transfer.state !== 'failed' || !transfer.fileId) return;
        patch(transferId, { state: 'queued', transferredBytes: 0, error: null });
        void drain(transfer.domain, transfer.caseName);
      },

      dismiss(transferId) {
        const transfer = find(transferId);
        if (!transfer) return;
        if (!isFinished(transfer)) return;
        release(transfer.fileId);
        set((state) => ({ transfers: state.transfers.filter((t) => t.transferId !== transferId) }));
      },

      clearFinished(domain, caseName) {
        const finished = get().transfers.filter((t) => t.domain === domain && t.caseName === caseName && isFinished(t));
        for (const transfer of finished) release(transfer.fileId);
        const gone = new Set(finished.map((t) => t.transferId));
        set((state) => ({ transfers: state.transfers.filter((t) => !gone.has(t.transferId)) }));
      },

      applyProgress(progress) {
        const transfer = find(progress.transferId);
        if (!transfer) {
          // An upload main started on its own (a new case's files): shown, and followed by its events.
          if (progress.direction === 'upload' && progress.state === 'running') {
            set((state) => ({ transfers: [...state.transfers, fromEvents(progress)] }));
          }
          return;
        }
        if (transfer.domain !== progress.domain) return;
        // Main's final word on its own upload stands, even over a cancel asked too late.
        const finalFromMain = transfer.byEvents === true && progress.state !== 'running';
        if (transfer.state !== 'running' && !finalFromMain) return;
        const transferredBytes = Math.min(progress.transferredBytes, progress.totalBytes || progress.transferredBytes);
        const totalBytes = progress.totalBytes || transfer.totalBytes;
        // For the renderer's own transfers the invoke's answer is the outcome; events only move the bar.
        const outcome = finalFromMain ? { state: progress.state, error: progress.error ?? null } : {};
        patch(progress.transferId, { transferredBytes, totalBytes, ...outcome });
      },

      forget(domain) {
        for (const t of get().transfers) if (t.domain === domain) release(t.fileId);
        set((state) => ({ transfers: state.transfers.filter((t) => t.domain !== domain) }));
      },
    };
  });
}
