import type { EventChannel, InvokeChannel } from '../../shared/ipc/contract';

/** The two Electron IPC channels that carry the whole contract of shared/ipc/contract.ts. */
export const INVOKE_IPC_CHANNEL = 'partner-desk:invoke';
export const EVENT_IPC_CHANNEL = 'partner-desk:event';

/**
 * The contract's event channel names, for the preload: importing the contract itself
 * would bundle zod and every schema into it. The Record type makes the compiler check
 * this list against the contract, both ways.
 */
const EVENT_CHANNEL_NAMES: Readonly<Record<EventChannel, true>> = {
  'accounts:changed': true,
  'cases:changed': true,
  'case:changed': true,
  'case:refreshFailed': true,
  'sync:status': true,
  'settings:changed': true,
  'notification:open': true,
  'transfer:progress': true,
  'notices:changed': true,
  'drafts:changed': true,
  'outbox:changed': true,
};

export function isKnownEventChannel(channel: unknown): channel is EventChannel {
  return typeof channel === 'string' && Object.hasOwn(EVENT_CHANNEL_NAMES, channel);
}

/**
 * The contract's PRELOAD_ONLY_CHANNELS, for the same reason (a test checks both lists
 * agree): the preload's generic `invoke` refuses them, only its own methods send them.
 */
export const PRELOAD_ONLY_INVOKE_CHANNELS: readonly InvokeChannel[] = ['files:dropped'];
