import type { IpcRenderer, IpcRendererEvent, WebUtils } from 'electron';
import type { PartnerDeskBridge } from '../../shared/ipc/contract';
import { EVENT_IPC_CHANNEL, INVOKE_IPC_CHANNEL, isKnownEventChannel } from './ipc-channels';

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
    invoke: (channel, request) => ipcRenderer.invoke(INVOKE_IPC_CHANNEL, channel, request),
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
    getPathForFile: (file) => webUtils.getPathForFile(file),
  };
}
