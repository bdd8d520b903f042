import { AppError } from '../../shared/app-error';
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
  /** Returns the unsubscribe function. */
  on<C extends EventChannel>(channel: C, listener: (payload: EventPayload<C>) => void): () => void;
  /** Stages a file dropped on the window (main finds and checks it on disk); upload it by its fileId. */
  stageDroppedFile(file: File): Promise<InvokeResponse<'files:dropped'>>;
}

export function createPartnerDeskClient(bridge: PartnerDeskBridge): PartnerDeskClient {
  return {
    invoke: (channel, request) => unwrap(channel, () => bridge.invoke(channel, request)),
    stageDroppedFile: (file) => unwrap('files:dropped', () => bridge.stageDroppedFile(file)),
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

/** The response of one invoke, checked against the contract; any failure as an AppError. */
async function unwrap<C extends InvokeChannel>(channel: C, send: () => Promise<unknown>): Promise<InvokeResponse<C>> {
  let raw: unknown;
  try {
    raw = await send();
  } catch (error) {
    // The transport itself failed (main process gone, preview socket closed).
    throw new AppError('internal', `${channel}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const envelope = invokeResultSchema.safeParse(raw);
  if (!envelope.success) throw new AppError('internal', `${channel}: malformed response envelope`);
  if (!envelope.data.ok) throw AppError.fromData(envelope.data.error);
  const value = invokeChannels[channel].response.safeParse(envelope.data.value);
  if (!value.success) throw new AppError('internal', `${channel}: response does not match the contract`);
  return value.data as InvokeResponse<C>;
}
