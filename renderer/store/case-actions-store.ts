import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppErrorData } from '../../shared/app-error';
import type { CaseDetail, Priority } from '../../shared/model/case';
import type { EscalationReasonValue } from '../../shared/model/case-actions';
import type { Draft } from '../../shared/model/draft';
import type { OutboxSubmission } from '../../shared/model/outbox';
import type { PartnerDeskClient } from '../ipc/partner-desk-client';
import { caseDetailKey, type CaseDetailState } from './case-detail-store';
import type { CaseListState } from './case-list-store';
import type { DraftSaver } from './draft-saver';
import { toErrorData } from './error-data';
import { nextOutcomeSeq } from './outcome-seq';

export type CaseActionKind = 'priority' | 'close' | 'escalate' | 'message' | 'reopen' | 'share';

export interface CaseActionView {
  /** The action under way: one at a time per case, the others wait for it. */
  busy: CaseActionKind | null;
  /**
   * The last action's outcome, for the status line and the error next to its control;
   * `queued`: it waits in the domain's outbox, to be sent when the domain is back online.
   */
  done: { action: CaseActionKind; seq: number; queued?: boolean } | null;
  failed: { action: CaseActionKind; error: AppErrorData } | null;
}

export interface CaseActionsState {
  cases: Readonly<Record<string, CaseActionView>>;
  /** What is typed in each case's composer: kept when the case is left, and when sending fails. */
  drafts: Readonly<Record<string, string>>;
  /** The core's draft each composer is saved into (draft:save on every change). */
  draftIds: Readonly<Record<string, string>>;
  setDraft(domain: string, name: string, text: string): void;
  /** Continues a message the core kept (Drafts list): it becomes its case's composer text. */
  resumeDraft(domain: string, draft: Draft): void;
  /** The core listed the domain's drafts: each composer with nothing typed here takes up its case's newest. */
  adoptStored(domain: string, drafts: readonly Draft[]): void;
  /** The draft was discarded elsewhere (Drafts list): its composer lets go of it. */
  dropDraft(domain: string, draftId: string): void;
  /**
   * Each resolves true when the core accepted it: done (the returned case is already
   * applied), or, for a message, a priority or a share change, queued in the outbox.
   */
  setPriority(domain: string, name: string, priority: Priority): Promise<boolean>;
  close(domain: string, name: string): Promise<boolean>;
  escalate(domain: string, name: string, reason: EscalationReasonValue, justification: string): Promise<boolean>;
  /** A message to support; on a closed case it is the reopen. What was sent leaves the draft. */
  sendMessage(domain: string, name: string, body: string, reopening: boolean): Promise<boolean>;
  setSubscribers(domain: string, name: string, emails: readonly string[]): Promise<boolean>;
  dismissError(domain: string, name: string): void;
  forget(domain: string): void;
}

const IDLE: CaseActionView = { busy: null, done: null, failed: null };

/**
 * Case actions: each sends one contract call and applies the case it returns at once to
 * the case detail, then refreshes the list (state, priority and updated time move there).
 * A message, a priority or a share change goes through the domain's outbox: sent at once
 * when the domain answers (the core's case:changed brings the case), queued otherwise.
 */
export function createCaseActionsStore(
  client: PartnerDeskClient,
  stores: { caseDetails: StoreApi<CaseDetailState>; caseLists: StoreApi<CaseListState> },
  saver?: DraftSaver,
): StoreApi<CaseActionsState> {
  return createStore<CaseActionsState>((set, get) => {
    /** Saves the composer's text into its draft; an emptied composer discards it. */
    const persist = (domain: string, name: string, text: string) => {
      if (!saver) return;
      const key = caseDetailKey(domain, name);
      const id = get().draftIds[key];
      if (text === '') {
        if (id) {
          void saver.discard(domain, id);
          set((state) => ({ draftIds: without(state.draftIds, key) }));
        }
        return;
      }
      const draftId = id ?? saver.newId();
      if (!id) set((state) => ({ draftIds: { ...state.draftIds, [key]: draftId } }));
      saver.save(domain, draftId, { kind: 'comment', caseName: name, body: text });
    };

    const update = (key: string, change: Partial<CaseActionView>) =>
      set((state) => ({ cases: { ...state.cases, [key]: { ...(state.cases[key] ?? IDLE), ...change } } }));

    const run = async (
      domain: string,
      name: string,
      action: CaseActionKind,
      call: () => Promise<CaseDetail | 'sent' | 'queued'>,
    ): Promise<boolean> => {
      const key = caseDetailKey(domain, name);
      if (get().cases[key]?.busy) return false;
      update(key, { busy: action, failed: null });
      try {
        const outcome = await call();
        if (typeof outcome !== 'string') stores.caseDetails.getState().apply(domain, outcome);
        stores.caseLists.getState().refresh(domain);
        const done = { action, seq: nextOutcomeSeq() };
        update(key, { busy: null, done: outcome === 'queued' ? { ...done, queued: true } : done });
        return true;
      } catch (error) {
        update(key, { busy: null, done: null, failed: { action, error: toErrorData(error) } });
        return false;
      }
    };

    const submit = async (domain: string, submission: OutboxSubmission, draftId: string | null = null) => {
      const item = await client.invoke('outbox:submit', { domain, draftId, submission });
      return item.state === 'sent' ? 'sent' : 'queued';
    };

    /**
     * The composer's draft goes with the message when it holds exactly what is sent: the
     * core consumes it with the submission. From here the composer lets go of it, so text
     * typed while the message is sending starts a new draft. Null (the draft stays the
     * composer's, trimmed of what was sent afterwards) when there is no saver or no draft,
     * the text differs, or the last save was refused.
     */
    const takeDraft = async (domain: string, key: string, body: string): Promise<string | null> => {
      const id = get().draftIds[key];
      if (!saver || !id || get().drafts[key] !== body) return null;
      set((state) => ({ draftIds: without(state.draftIds, key) }));
      try {
        await saver.flush(id);
        return id;
      } catch {
        giveBack(domain, key, id);
        return null;
      }
    };
    /** The core refused the message: its draft is live again and becomes the composer's once more. */
    const giveBack = (domain: string, key: string, id: string) => {
      // Typed meanwhile: the new draft holds all the composer's text, the old one only what was sent.
      if (get().draftIds[key]) void saver?.discard(domain, id);
      else set((state) => ({ draftIds: { ...state.draftIds, [key]: id } }));
    };

    return {
      cases: {},
      drafts: {},
      draftIds: {},
      setDraft(domain, name, text) {
        set((state) => ({ drafts: { ...state.drafts, [caseDetailKey(domain, name)]: text } }));
        persist(domain, name, text);
      },
      resumeDraft(domain, draft) {
        if (draft.content.kind !== 'comment') return;
        const key = caseDetailKey(domain, draft.content.caseName);
        const body = draft.content.body;
        set((state) => ({
          drafts: { ...state.drafts, [key]: body },
          draftIds: { ...state.draftIds, [key]: draft.id },
        }));
      },
      dropDraft(domain, draftId) {
        const key = Object.keys(get().draftIds).find((k) => get().draftIds[k] === draftId);
        if (!key?.startsWith(`${domain}|`)) return;
        set((state) => ({ drafts: without(state.drafts, key), draftIds: without(state.draftIds, key) }));
      },
      adoptStored(domain, drafts) {
        for (const draft of drafts) {
          if (draft.content.kind !== 'comment' || saver?.isDiscarded(draft.id)) continue;
          const key = caseDetailKey(domain, draft.content.caseName);
          // Newest first: the first draft of a case wins; what is typed here wins over all.
          if (get().draftIds[key] || get().drafts[key]) continue;
          get().resumeDraft(domain, draft);
        }
      },
      setPriority: (domain, name, priority) =>
        run(domain, name, 'priority', () => submit(domain, { kind: 'priority', caseName: name, priority })),
      close: (domain, name) => run(domain, name, 'close', () => client.invoke('case:close', { domain, name })),
      escalate: (domain, name, reason, justification) =>
        run(domain, name, 'escalate', () =>
          client.invoke('case:escalate', { domain, name, reason, justification: justification.trim() }),
        ),
      async sendMessage(domain, name, body, reopening) {
        const key = caseDetailKey(domain, name);
        const sent = await run(domain, name, reopening ? 'reopen' : 'message', async () => {
          const draftId = await takeDraft(domain, key, body);
          try {
            return await submit(domain, { kind: 'comment', caseName: name, body }, draftId);
          } catch (error) {
            if (draftId) {
              giveBack(domain, key, draftId);
              persist(domain, name, get().drafts[key] ?? '');
            }
            throw error;
          }
        });
        if (sent) {
          // Text typed while it was sending stays in the composer; only what was sent leaves it.
          set((state) => {
            const drafts = { ...state.drafts };
            const now = drafts[key] ?? '';
            const rest = now.startsWith(body) ? now.slice(body.length).trimStart() : now;
            if (rest) drafts[key] = rest;
            else delete drafts[key];
            return { drafts };
          });
          persist(domain, name, get().drafts[key] ?? '');
        }
        return sent;
      },
      setSubscribers: (domain, name, emails) =>
        run(domain, name, 'share', () =>
          submit(domain, { kind: 'share', caseName: name, subscriberEmailAddresses: [...emails] }),
        ),
      dismissError(domain, name) {
        update(caseDetailKey(domain, name), { failed: null });
      },
      forget(domain) {
        const keep = ([key]: [string, unknown]) => !key.startsWith(`${domain}|`);
        set((state) => ({
          cases: Object.fromEntries(Object.entries(state.cases).filter(keep)),
          drafts: Object.fromEntries(Object.entries(state.drafts).filter(keep)),
          draftIds: Object.fromEntries(Object.entries(state.draftIds).filter(keep)),
        }));
      },
    };
  });
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}
