import type { PartnerDeskBridge } from '../../shared/ipc/contract';

declare global {
  interface Window {
    /** Set by the preload (Electron) or by the browser preview's shim. */
    partnerDesk?: PartnerDeskBridge;
  }
}

export function findBridge(): PartnerDeskBridge | null {
  return window.partnerDesk ?? null;
}
