import type { WebFrameMain } from 'electron';
import { AppError } from '../../shared/app-error';
import { eventChannels, type EventSink, type InvokeResult } from '../../shared/ipc/contract';
import { channelLabel, type InvokeDispatcher } from '../core/ipc/invoke-dispatcher';
import { isAppUrl } from './app-protocol';
import { EVENT_IPC_CHANNEL, INVOKE_IPC_CHANNEL } from './ipc-channels';
import type { Logger } from '../core/ports';

/** What the sender check reads of a frame (a WebFrameMain is one). */
export type FrameIdentity = Pick<WebFrameMain, 'url' | 'processId' | 'routingId'> & { readonly parent: object | null };

/** The app window's contents as the bridge needs them (a WebContents is one). */
export interface BridgeTarget {
  readonly id: number;
  readonly mainFrame: FrameIdentity;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** The sender parts of an invoke event the check reads (an IpcMainInvokeEvent is one). */
export interface InvokeSender {
  readonly sender: { readonly id: number };
  readonly senderFrame: FrameIdentity | null;
}

/** The ipcMain calls the bridge makes (ipcMain is one). */
export interface InvokeRegistrar {
  handle(channel: string, listener: (event: InvokeSender, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcBridgeOptions {
  ipcMain: InvokeRegistrar;
  dispatch: InvokeDispatcher;
  /** The app window's contents, or null while there is none. */
  target: () => BridgeTarget | null;
  log: Logger;
  /** Development builds check every outgoing event against the contract. */
  validateEvents: boolean;
}

export interface IpcBridge {
  /** Hand this to the core's onEvent: it forwards events to the app window. */
  sendEvent: EventSink;
  dispose(): void;
}

/**
 * Only the main frame of the app's own window, showing an app:// page, may call the core
 * (GitHub Desktop's and VS Code's trusted-sender rule). Another window, an iframe or a
 * page that somehow navigated elsewhere is refused.
 */
export function whyUntrustedSender(event: InvokeSender, target: BridgeTarget | null): string | null {
  if (!target || target.isDestroyed()) return 'no app window';
  if (event.sender.id !== target.id) return 'another webContents';
  const frame = event.senderFrame;
  if (!frame) return 'the sending frame is gone';
  const main = target.mainFrame;
  const sameFrame = frame === main || (frame.processId === main.processId && frame.routingId === main.routingId);
  if (!sameFrame || frame.parent !== null) return 'a subframe';
  if (!isAppUrl(frame.url)) return 'a page outside the app';
  return null;
}

export function registerIpcBridge(options: IpcBridgeOptions): IpcBridge {
  const { ipcMain, dispatch, target, log } = options;

  ipcMain.handle(INVOKE_IPC_CHANNEL, async (event, channel, payload): Promise<InvokeResult<unknown>> => {
    try {
      const refusal = whyUntrustedSender(event, target());
      if (refusal) {
        log.warn('Refused an IPC request from an untrusted sender', {
          reason: refusal,
          channel: channelLabel(channel),
          url: event.senderFrame?.url?.slice(0, 200) ?? null,
        });
        return { ok: false, error: new AppError('bad_request', `Request refused: it came from ${refusal}`).toData() };
      }
      return await dispatch(channel, payload);
    } catch (error) {
      // The dispatcher already turns failures into results; this is the last safety net.
      log.error('IPC bridge failure', error);
      return { ok: false, error: new AppError('internal', 'Unexpected error in Partner Desk').toData() };
    }
  });

  const sendEvent: EventSink = (channel, payload) => {
    const contents = target();
    if (!contents || contents.isDestroyed()) return;
    if (options.validateEvents) {
      const checked = eventChannels[channel].safeParse(payload);
      if (!checked.success) {
        log.error(`Event ${channel} does not match its contract schema; not sent`, checked.error);
        return;
      }
    }
    try {
      contents.send(EVENT_IPC_CHANNEL, channel, payload);
    } catch (error) {
      log.error(`Could not send event ${channel}`, error);
    }
  };

  return {
    sendEvent,
    dispose: () => ipcMain.removeHandler(INVOKE_IPC_CHANNEL),
  };
}
