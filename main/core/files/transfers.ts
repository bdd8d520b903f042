import { AppError } from '../../../shared/app-error';
import type { TransferProgress } from '../../../shared/model/case-actions';
import type { Clock } from '../ports';

/**
 * A running or queued progress report is sent at most this often per transfer (10 a
 * second: a smooth bar, while a 200 MB upload in 256 KB chunks would otherwise send 800
 * events). The first report and the final state are always sent.
 */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * Uploads and downloads in flight, by the transferId the renderer chose, so
 * `transfer:cancel` can abort one whatever its domain. A queued upload is registered
 * too: cancelling it before it starts means it never starts.
 */
export class Transfers {
  private readonly active = new Map<string, AbortController>();

  begin(transferId: string): AbortSignal {
    if (this.active.has(transferId)) {
      throw new AppError('invalid_argument', `Transfer ${transferId} is already running.`, { field: 'transferId' });
    }
    const controller = new AbortController();
    this.active.set(transferId, controller);
    return controller.signal;
  }

  end(transferId: string, signal: AbortSignal): void {
    if (this.active.get(transferId)?.signal === signal) this.active.delete(transferId);
  }

  /** False when no such transfer is running (it ended, or never was). */
  cancel(transferId: string): boolean {
    const controller = this.active.get(transferId);
    if (!controller) return false;
    this.active.delete(transferId);
    controller.abort(new AppError('cancelled', 'The transfer was cancelled.'));
    return true;
  }

  cancelAll(): void {
    for (const transferId of [...this.active.keys()]) this.cancel(transferId);
  }
}

type ProgressIdentity = Omit<TransferProgress, 'transferredBytes' | 'totalBytes' | 'state'>;

/** Reports one transfer's progress, throttled to PROGRESS_INTERVAL_MS; `settle` sends the final state at once. */
export function progressReporter(emit: (progress: TransferProgress) => void, clock: Clock, identity: ProgressIdentity) {
  let lastSentAt = -Infinity;
  let transferredBytes = 0;
  let totalBytes = 0;
  const send = (state: TransferProgress['state']) => emit({ ...identity, transferredBytes, totalBytes, state });
  return {
    running(transferred: number, total: number): void {
      transferredBytes = transferred;
      totalBytes = total;
      const now = clock.now();
      if (now - lastSentAt < PROGRESS_INTERVAL_MS) return;
      lastSentAt = now;
      send('running');
    },
    settle(
      state: Exclude<TransferProgress['state'], 'running'>,
      transferred = transferredBytes,
      error?: TransferProgress['error'],
    ): void {
      transferredBytes = transferred;
      if (state === 'done') totalBytes = Math.max(totalBytes, transferred);
      emit({ ...identity, transferredBytes, totalBytes, state, ...(error ? { error } : {}) });
    },
  };
}
