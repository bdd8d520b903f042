import { describe, expect, it } from 'vitest';
import { createPartnerDeskClient } from '../../renderer/ipc/partner-desk-client';
import { createAppStores } from '../../renderer/store/app-stores';
import { createNewCaseStore } from '../../renderer/store/new-case-store';
import { caseDetailKey } from '../../renderer/store/case-detail-store';
import type { DraftContent } from '../../shared/model/draft';
import type { OutboxItem } from '../../shared/model/outbox';
import { DOMAIN, makeDetail } from './case-detail-fixtures';
import { outboxAnswer, outboxItem, type SubmitRequest } from './outbox-fixtures';
import { createFakeBridge, deferred, settle, type FakeHandlers } from './fake-bridge';

const NAME = makeDetail().name;
const KEY = caseDetailKey(DOMAIN, NAME);
const ACME = { customerId: 'C01', domain: 'acme.example', organizationName: 'Acme', access: 'granted' } as const;

type SaveRequest = { domain: string; id: string; content: DraftContent };

/** The app's stores over a fake core that keeps the drafts it is sent (refusing a consumed one, as the core does). */
async function app(handlers: FakeHandlers = {}) {
  const saved = new Map<string, DraftContent>();
  const consumed = new Set<string>();
  const bridge = createFakeBridge({
    'case:get': () => ({ detail: makeDetail(), source: 'network' }),
    'filters:get': () => ({ keyword: '', states: [], priorities: [] }),
    'cases:query': () => ({ total: 0, offset: 0, rows: [], syncedAt: null }),
    'case:localeFor': () => null,
    'customers:list': () => [],
    'draft:save': ({ id, content }: SaveRequest) => {
      if (consumed.has(id)) throw { code: 'not_found', message: 'gone', detail: { reason: 'draft_gone' } };
      saved.set(id, content);
      return { id, revision: 1, updatedAt: '2026-03-02T09:00:00.000Z' };
    },
    'draft:discard': () => ({}),
    ...handlers,
  });
  const client = createPartnerDeskClient(bridge);
  const stores = createAppStores(client);
  await stores.caseDetails.getState().load(DOMAIN, NAME);
  const newCaseStore = createNewCaseStore(
    client,
    { systemLocale: () => 'en-GB', systemTimeZone: () => 'Europe/London', newTransferId: () => 't1' },
    stores.draftSaver,
  );
  const calls = (channel: string) => bridge.calls.filter((c) => c.channel === channel).map((c) => c.request);
  /** What the core holds for the draft when the submission arrives: flushed before it, or not. */
  const submitted = () => calls('outbox:submit') as SubmitRequest[];
  return { stores, newCaseStore, saved, consumed, calls, submitted };
}

describe('a submission takes its draft', () => {
  it('a message goes with its composer draft, saved to its last keystroke first; nothing discards it after', async () => {
    const { stores, saved, consumed, calls, submitted } = await app({
      'outbox:submit': (request: SubmitRequest) => {
        if (request.draftId) consumed.add(request.draftId);
        return outboxAnswer('sent')(request);
      },
    });
    const actions = () => stores.caseActions.getState();
    actions().setDraft(DOMAIN, NAME, 'Any news');
    actions().setDraft(DOMAIN, NAME, 'Any news?');
    const id = actions().draftIds[KEY]!;
    expect(await actions().sendMessage(DOMAIN, NAME, 'Any news?', false)).toBe(true);
    expect(submitted()[0]?.draftId).toBe(id);
    // The core had the last keystroke when the submission consumed the draft.
    expect(saved.get(id)).toEqual({ kind: 'comment', caseName: NAME, body: 'Any news?' });
    expect(calls('draft:discard')).toEqual([]);
    expect(actions().drafts[KEY]).toBeUndefined();
    expect(actions().draftIds[KEY]).toBeUndefined();
  });

  it('text typed while the message was sending goes into a new draft; the consumed one is never saved again', async () => {
    const answer = deferred<OutboxItem>();
    const { stores, saved, consumed, calls, submitted } = await app({
      'outbox:submit': (request: SubmitRequest) => {
        if (request.draftId) consumed.add(request.draftId);
        return answer.promise;
      },
    });
    const actions = () => stores.caseActions.getState();
    actions().setDraft(DOMAIN, NAME, 'First part.');
    const first = actions().draftIds[KEY]!;
    const sending = actions().sendMessage(DOMAIN, NAME, 'First part.', false);
    while (submitted().length === 0) await settle();
    actions().setDraft(DOMAIN, NAME, 'First part. And a second thought');
    answer.resolve(outboxItem(DOMAIN, { kind: 'comment', caseName: NAME, body: 'First part.' }, 'sent'));
    expect(await sending).toBe(true);
    expect(submitted()[0]?.draftId).toBe(first);
    expect(actions().drafts[KEY]).toBe('And a second thought');
    const second = actions().draftIds[KEY]!;
    expect(second).not.toBe(first);
    await stores.draftSaver.flush(second);
    expect(saved.get(second)).toEqual({ kind: 'comment', caseName: NAME, body: 'And a second thought' });
    const savedFirst = (calls('draft:save') as SaveRequest[]).filter((request) => request.id === first);
    expect(savedFirst.map((request) => request.content)).toEqual([
      { kind: 'comment', caseName: NAME, body: 'First part.' },
    ]);
  });

  it('a refused message keeps its draft: the composer saves into it again', async () => {
    const { stores, saved, calls, submitted } = await app({
      'outbox:submit': () => {
        throw { code: 'failed_precondition', message: 'closed', detail: { reason: 'reopen_window_expired' } };
      },
    });
    const actions = () => stores.caseActions.getState();
    actions().setDraft(DOMAIN, NAME, 'Reopen please');
    const id = actions().draftIds[KEY]!;
    expect(await actions().sendMessage(DOMAIN, NAME, 'Reopen please', true)).toBe(false);
    expect(submitted()[0]?.draftId).toBe(id);
    expect(actions().draftIds[KEY]).toBe(id);
    actions().setDraft(DOMAIN, NAME, 'Reopen please, today');
    await stores.draftSaver.flush(id);
    expect(saved.get(id)).toEqual({ kind: 'comment', caseName: NAME, body: 'Reopen please, today' });
    expect(calls('draft:discard')).toEqual([]);
  });

  it('a text other than the draft is sent without it, and the draft keeps what was not sent', async () => {
    const { stores, submitted } = await app({ 'outbox:submit': outboxAnswer('sent') });
    const actions = () => stores.caseActions.getState();
    actions().setDraft(DOMAIN, NAME, 'Sent part. Kept part');
    const id = actions().draftIds[KEY];
    expect(await actions().sendMessage(DOMAIN, NAME, 'Sent part.', false)).toBe(true);
    expect(submitted()[0]?.draftId).toBeNull();
    expect(actions().drafts[KEY]).toBe('Kept part');
    expect(actions().draftIds[KEY]).toBe(id);
  });

  it('a priority change has no draft', async () => {
    const { stores, submitted } = await app({ 'outbox:submit': outboxAnswer('sent') });
    expect(await stores.caseActions.getState().setPriority(DOMAIN, NAME, 'P1')).toBe(true);
    expect(submitted()[0]?.draftId).toBeNull();
  });

  it('a new case goes with its draft, saved first; refused, the draft stays and is not discarded', async () => {
    let refuse = true;
    const { newCaseStore, saved, calls, submitted } = await app({
      'outbox:submit': (request: SubmitRequest) => {
        if (refuse) throw { code: 'no_reseller_access', message: 'denied', detail: { customerId: 'C01' } };
        return outboxAnswer('queued')(request);
      },
    });
    const newCase = () => newCaseStore.getState();
    newCase().start(DOMAIN, ACME);
    await settle();
    newCase().update(DOMAIN, {
      title: 'Mail bounces',
      classification: { id: '100ABC', displayName: 'Google Workspace > Gmail > Delivery issues' },
      details: 'Since Monday.',
      priority: 'P2',
    });
    const id = newCase().drafts[DOMAIN]!.draftId;
    expect(await newCase().submit(DOMAIN, { question: (key) => key, heading: 'Answers' })).toBeNull();
    expect(submitted()[0]?.draftId).toBe(id);
    expect(saved.get(id)).toMatchObject({ kind: 'new_case', title: 'Mail bounces', priority: 'P2' });
    expect(newCase().drafts[DOMAIN]?.draftId).toBe(id);

    refuse = false;
    expect(await newCase().submit(DOMAIN, { question: (key) => key, heading: 'Answers' })).toBe('queued');
    expect(submitted()[1]?.draftId).toBe(id);
    expect(newCase().drafts[DOMAIN]).toBeUndefined();
    expect(calls('draft:discard')).toEqual([]);
  });
});
