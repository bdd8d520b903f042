import { isAppError } from '../../shared/app-error';
import type { DraftContent } from '../../shared/model/draft';
import type { PartnerDeskClient } from '../ipc/partner-desk-client';

/**
 * Sends what the user types to the core as drafts: every change is queued with the whole
 * content, and at most once per frame per draft the latest is sent on `draft:save`, which
 * answers once committed to disk. One save per draft is in flight at a time; changes made
 * meanwhile wait for it and go next (only the newest), so nothing newer is ever lost or
 * overwritten by an older save answering late.
 */
export interface DraftSaver {
  save(domain: string, id: string, content: DraftContent): void;
  /** Resolves when every change queued so far for the draft is committed; rejects with the save's error. */
  flush(id: string): Promise<void>;
  /** Sends every change waiting for its frame now (the page is going away). */
  flushAll(): void;
  /** Drops the unsent change, lets the one in flight end, then discards the draft in the core. */
  discard(domain: string, id: string): Promise<void>;
  /** Whether this window discarded the draft (a late list must not bring it back). */
  isDiscarded(id: string): boolean;
  /** The discard was undone (draft:restore): the draft may be saved again. */
  restored(id: string): void;
  /** The revision the core acknowledged last for the draft. */
  acknowledged(id: string): number | undefined;
  newId(): string;
}

/** Runs `send` at the next frame; a hidden window gets no frames, so a timer backs it up. */
export type FrameScheduler = (send: () => void) => void;

export const FRAME_FALLBACK_MS = 100;
/** The core's transport failed (preview socket reconnecting): the latest content is sent again this often. */
export const SAVE_RETRY_MS = 1_000;
const MAX_TRANSPORT_RETRIES = 30;

export const nextFrame: FrameScheduler = (send) => {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    send();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once);
  setTimeout(once, FRAME_FALLBACK_MS);
};

interface Entry {
  domain: string;
  pending: DraftContent | null;
  inFlight: boolean;
  scheduled: boolean;
  saved: boolean;
  revision: number | undefined;
  retries: number;
  waiters: { resolve: () => void; reject: (error: unknown) => void }[];
}

export function createDraftSaver(
  client: PartnerDeskClient,
  schedule: FrameScheduler = nextFrame,
  newId: () => string = () => crypto.randomUUID(),
): DraftSaver {
  const entries = new Map<string, Entry>();
  const discarded = new Set<string>();

  const settle = (entry: Entry, error?: unknown) => {
    if (!error && (entry.pending || entry.inFlight)) return;
    for (const waiter of entry.waiters.splice(0)) {
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
  };

  const send = (id: string, entry: Entry) => {
    entry.scheduled = false;
    const content = entry.pending;
    if (!content || entry.inFlight || discarded.has(id)) return;
    entry.pending = null;
    entry.inFlight = true;
    client.invoke('draft:save', { domain: entry.domain, id, content }).then(
      (ack) => {
        entry.inFlight = false;
        entry.saved = true;
        entry.retries = 0;
        entry.revision = ack.revision;
        if (entry.pending) send(id, entry);
        else settle(entry);
      },
      (error: unknown) => {
        entry.inFlight = false;
        // Only the transport is retried (the core restarting); a refusal is final for this content.
        const transport = isAppError(error) && error.code === 'internal';
        if (transport && entry.retries < MAX_TRANSPORT_RETRIES && !discarded.has(id)) {
          entry.retries += 1;
          entry.pending ??= content;
          setTimeout(() => send(id, entry), SAVE_RETRY_MS);
          return;
        }
        client.log.warn(`draft:save of ${id} failed`, error);
        if (entry.pending) send(id, entry);
        else settle(entry, error);
      },
    );
  };

  return {
    save(domain, id, content) {
      if (discarded.has(id)) return;
      let entry = entries.get(id);
      if (!entry) {
        entry = {
          domain,
          pending: null,
          inFlight: false,
          scheduled: false,
          saved: false,
          revision: undefined,
          retries: 0,
          waiters: [],
        };
        entries.set(id, entry);
      }
      entry.pending = content;
      if (entry.scheduled || entry.inFlight) return;
      entry.scheduled = true;
      const current = entry;
      schedule(() => send(id, current));
    },
    flush(id) {
      const entry = entries.get(id);
      if (!entry || (!entry.pending && !entry.inFlight)) return Promise.resolve();
      const done = new Promise<void>((resolve, reject) => entry.waiters.push({ resolve, reject }));
      if (entry.pending && !entry.inFlight) send(id, entry);
      return done;
    },
    flushAll() {
      for (const [id, entry] of entries) {
        if (!entry.pending || discarded.has(id)) continue;
        if (!entry.inFlight) {
          send(id, entry);
          continue;
        }
        // No answer will come to this page: sent behind the save in flight, which the transport delivers first.
        const content = entry.pending;
        entry.pending = null;
        void client.invoke('draft:save', { domain: entry.domain, id, content }).catch(() => undefined);
      }
    },
    async discard(domain, id) {
      const entry = entries.get(id);
      discarded.add(id);
      if (entry) {
        entry.pending = null;
        if (entry.inFlight) {
          await new Promise<void>((resolve) => entry.waiters.push({ resolve, reject: () => resolve() }));
        }
        entries.delete(id);
        // Never committed: there is nothing to discard in the core.
        if (!entry.saved) return;
      }
      await client.invoke('draft:discard', { domain, id }).catch((error: unknown) => {
        client.log.warn(`draft:discard of ${id} failed`, error);
      });
    },
    isDiscarded: (id) => discarded.has(id),
    restored: (id) => {
      discarded.delete(id);
    },
    acknowledged: (id) => entries.get(id)?.revision,
    newId,
  };
}
