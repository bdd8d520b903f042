import type { PartnerDeskClient } from '../ipc/partner-desk-client';

/** What signing a domain out would delete that was never sent: null when it could not be checked. */
export interface PendingWork {
  drafts: number | null;
  /** Outbox items not sent yet (queued, sending, or stopped by a refusal). */
  queued: number | null;
}

/** Asks main for the domain's drafts and outbox; each list that cannot be read counts as unknown. */
export async function loadPendingWork(client: PartnerDeskClient, domain: string): Promise<PendingWork> {
  const [drafts, outbox] = await Promise.allSettled([
    client.invoke('drafts:list', { domain }),
    client.invoke('outbox:list', { domain }),
  ]);
  return {
    drafts: drafts.status === 'fulfilled' ? drafts.value.length : null,
    queued: outbox.status === 'fulfilled' ? outbox.value.filter((item) => item.state !== 'sent').length : null,
  };
}
