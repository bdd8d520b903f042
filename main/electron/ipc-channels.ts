/** The two Electron IPC channels that carry the whole contract of shared/ipc/contract.ts. */
export const INVOKE_IPC_CHANNEL = 'partner-desk:invoke';
export const EVENT_IPC_CHANNEL = 'partner-desk:event';
