import { AppError } from '../../shared/app-error';
import { stagedFileSchema, type StagedFile } from '../../shared/model/case-actions';
import {
  eventChannels,
  invokeChannels,
  invokeResultSchema,
  type EventChannel,
  type EventPayload,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
  type PartnerDeskBridge,
} from '../../shared/ipc/contract';

/** The renderer's only door to the core: typed from the contract, errors as AppError. */
export interface PartnerDeskClient {
  invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>>;
  /** Stages a file dropped on the window (main re-validates its path); the upload then names its fileId. */
  stageDroppedFile(file: File): Promise<StagedFile>;
  /** Returns the unsubscribe function. */
  on<C extends EventChannel>(channel: C, listener: (payload: EventPayload<C>) => void): () => void;
}

/** The preload's dropped-file staging (branch `files` adds it to PartnerDeskBridge): the same envelope as invoke. */
type DropBridge = PartnerDeskBridge & { stageDroppedFile?(file: File): Promise<unknown> };

export function createPartnerDeskClient(bridge: PartnerDeskBridge): PartnerDeskClient {
  /** Unwraps the result envelope of a call to main, errors as AppError. */
  const settle = async (label: string, call: () => Promise<unknown>): Promise<unknown> => {
    let raw: unknown;
    try {
      raw = await call();
    } catch (error) {
      // The transport itself failed (main process gone, preview socket closed).
      throw new AppError('internal', `${label}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const envelope = invokeResultSchema.safeParse(raw);
    if (!envelope.success) throw new AppError('internal', `${label}: malformed response envelope`);
    if (!envelope.data.ok) throw AppError.fromData(envelope.data.error);
    return envelope.data.value;
  };

  return {
    async invoke(channel, request) {
      const raw = await settle(channel, () => bridge.invoke(channel, request));
      const value = invokeChannels[channel].response.safeParse(raw);
      if (!value.success) throw new AppError('internal', `${channel}: response does not match the contract`);
      return value.data as InvokeResponse<typeof channel>;
    },
    async stageDroppedFile(file) {
      // The preload resolves the file's path and sends files:dropped itself: the generic invoke refuses that channel.
      const raw = await settle('files:dropped', async () => {
        const dropBridge = bridge as DropBridge;
        if (!dropBridge.stageDroppedFile) throw new Error('this bridge cannot stage dropped files');
        return dropBridge.stageDroppedFile(file);
      });
      const value = stagedFileSchema.safeParse(raw);
      if (!value.success) throw new AppError('internal', 'files:dropped: response does not match the contract');
      return value.data;
    },
    on(channel, listener) {
      const id = bridge.on(channel, (payload) => {
        const parsed = eventChannels[channel].safeParse(payload);
        // A payload off the contract is a bug in main; ignoring it keeps the UI consistent.
        if (parsed.success) listener(parsed.data as EventPayload<typeof channel>);
        else console.error(`Ignored malformed ${channel} event`, parsed.error.issues[0]);
      });
      return () => bridge.off(id);
    },
  };
}
