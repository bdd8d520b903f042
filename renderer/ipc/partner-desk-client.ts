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
import { createRendererLog, type RendererLog } from './renderer-log';

/** The renderer's only door to the core: typed from the contract, errors as AppError. */
export interface PartnerDeskClient {
  invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>>;
  /** Returns the unsubscribe function. */
  on<C extends EventChannel>(channel: C, listener: (payload: EventPayload<C>) => void): () => void;
  /** Stages a file dropped on the window (main finds and checks it on disk); upload it by its fileId. */
  stageDroppedFile(file: File): Promise<InvokeResponse<'files:dropped'>>;
  /** Failures the renderer caught or did not: they reach main's log file through log:write. */
  log: RendererLog;
  /**
   * Told true when the app's core cannot be reached (an invoke's transport failed, or the
   * bridge saw it go), false when it answers again. Returns the unsubscribe function.
   */
  onCoreLost(listener: (lost: boolean) => void): () => void;
}

export function createPartnerDeskClient(bridge: PartnerDeskBridge): PartnerDeskClient {
  const coreListeners = new Set<(lost: boolean) => void>();
  let coreLost = false;
  const setCoreLost = (lost: boolean) => {
    if (lost === coreLost) return;
    coreLost = lost;
    for (const listener of coreListeners) listener(lost);
  };
  bridge.onCoreLost?.(() => setCoreLost(true));
  const send = <C extends InvokeChannel>(channel: C, call: () => Promise<unknown>) =>
    unwrap(channel, call, setCoreLost);
  const client: PartnerDeskClient = {
    invoke: (channel, request) => send(channel, () => bridge.invoke(channel, request)),
    stageDroppedFile: (file) => send('files:dropped', () => bridge.stageDroppedFile(file)),
    onCoreLost(listener) {
      coreListeners.add(listener);
      return () => coreListeners.delete(listener);
    },
    on(channel, listener) {
      const id = bridge.on(channel, (payload) => {
        const parsed = eventChannels[channel].safeParse(payload);
        // A payload off the contract is a bug in main; ignoring it keeps the UI consistent.
        if (parsed.success) listener(parsed.data as EventPayload<typeof channel>);
        else client.log.error(`Ignored malformed ${channel} event`, parsed.error.issues[0]);
      });
      return () => bridge.off(id);
    },
    log: createRendererLog((channel, request) => client.invoke(channel, request)),
  };
  return client;
}

/**
 * The response of one invoke, checked against the contract; any failure as an AppError.
 * A transport that fails (main gone, the preview's socket closed) is `core_lost`, never
 * `offline`: the network may be fine, it is the app's own core that does not answer.
 */
async function unwrap<C extends InvokeChannel>(
  channel: C,
  send: () => Promise<unknown>,
  setCoreLost: (lost: boolean) => void,
): Promise<InvokeResponse<C>> {
  let raw: unknown;
  try {
    raw = await send();
  } catch (error) {
    setCoreLost(true);
    throw new AppError('core_lost', `${channel}: ${error instanceof Error ? error.message : String(error)}`);
  }
  setCoreLost(false);
  const envelope = invokeResultSchema.safeParse(raw);
  if (!envelope.success) throw new AppError('internal', `${channel}: malformed response envelope`);
  if (!envelope.data.ok) throw AppError.fromData(envelope.data.error);
  const value = invokeChannels[channel].response.safeParse(envelope.data.value);
  if (!value.success) throw new AppError('internal', `${channel}: response does not match the contract`);
  return value.data as InvokeResponse<C>;
}
