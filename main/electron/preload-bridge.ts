import type { IpcRenderer, IpcRendererEvent, WebUtils } from 'electron';
import type { InvokeResult, PartnerDeskBridge } from '../../shared/ipc/contract';
import {
  EVENT_IPC_CHANNEL,
  INVOKE_IPC_CHANNEL,
  isKnownEventChannel,
  PRELOAD_ONLY_INVOKE_CHANNELS,
} from './ipc-channels';

type Listener = (payload: unknown) => void;

/**
 * Builds what the preload exposes as `window.partnerDesk`: exactly the IPC contract and
 * nothing of Electron itself (VS Code's minimal-preload rule). One ipcRenderer listener
 * fans events out to subscriptions kept by id, because a function passed through
 * contextBridge arrives as a new proxy each time and cannot be compared for `off`.
 */
export function createPartnerDeskBridge(
  ipcRenderer: Pick<IpcRenderer, 'invoke' | 'on'>,
  webUtils: Pick<WebUtils, 'getPathForFile'>,
): PartnerDeskBridge {
  const subscriptions = new Map<number, { channel: string; listener: Listener }>();
  let nextId = 1;

  ipcRenderer.on(EVENT_IPC_CHANNEL, (_event: IpcRendererEvent, channel: unknown, payload: unknown) => {
    for (const subscription of [...subscriptions.values()]) {
      if (subscription.channel !== channel) continue;
      try {
        subscription.listener(payload);
      } catch (error) {
        // One failing listener must not starve the others.
        console.error(`partnerDesk listener for ${String(channel)} failed`, error);
      }
    }
  });

  return {
    async invoke(channel, request) {
      if ((PRELOAD_ONLY_INVOKE_CHANNELS as readonly unknown[]).includes(channel)) {
        return refusal(`${String(channel)} can only be sent by Partner Desk itself.`);
      }
      return ipcRenderer.invoke(INVOKE_IPC_CHANNEL, channel, request);
    },
    on(channel, listener) {
      if (!isKnownEventChannel(channel)) {
        throw new Error(`partnerDesk.on: unknown event channel ${String(channel)}`);
      }
      if (typeof listener !== 'function') throw new Error('partnerDesk.on: the listener must be a function');
      const id = nextId++;
      subscriptions.set(id, { channel, listener });
      return id;
    },
    off(subscriptionId) {
      subscriptions.delete(subscriptionId);
    },
    async stageDroppedFile(file) {
      const path = pathOnDisk(webUtils, file);
      if (!path) return refusal('Only a file dropped from your computer can be attached.');
      return ipcRenderer.invoke(INVOKE_IPC_CHANNEL, 'files:dropped', { path });
    },
  };
}

/** webUtils gives '' for a File not on disk (made by a script, not dropped) and throws for a non-File. */
function pathOnDisk(webUtils: Pick<WebUtils, 'getPathForFile'>, file: File): string {
  try {
    return webUtils.getPathForFile(file);
  } catch {
    return '';
  }
}

/** A refusal in the contract's result envelope, as main would answer (no zod in the preload). */
function refusal(message: string): InvokeResult<never> {
  return { ok: false, error: { code: 'bad_request', message } };
}
