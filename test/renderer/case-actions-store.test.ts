import { describe, expect, it } from 'vitest';
import { createPartnerDeskClient } from '../../renderer/ipc/partner-desk-client';
import { createAppStores } from '../../renderer/store/app-stores';
import { caseDetailKey } from '../../renderer/store/case-detail-store';
import type { CaseDetail } from '../../shared/model/case';
import type { OutboxItem } from '../../shared/model/outbox';
import { DOMAIN, makeDetail } from './case-detail-fixtures';
import { outboxAnswer, outboxItem, type SubmitRequest } from './outbox-fixtures';
import { createFakeBridge, deferred, settle, type FakeHandlers } from './fake-bridge';

const NAME = makeDetail().name;
const KEY = caseDetailKey(DOMAIN, NAME);

async function storesWith(handlers: FakeHandlers) {
  const bridge = createFakeBridge({
    'case:get': () => ({ detail: makeDetail(), source: 'network' }),
    'filters:get': () => ({ keyword: '', states: [], priorities: [] }),
    'cases:query': () => ({ total: 0, offset: 0, rows: [], syncedAt: null }),
    ...handlers,
  });
  const stores = createAppStores(createPartnerDeskClient(bridge));
  await stores.caseDetails.getState().load(DOMAIN, NAME);
  return { bridge, stores };
}

describe('case actions', () => {
  it('shows the case an action returns at once, and says which action succeeded', async () => {
    const { stores } = await storesWith({ 'case:close': () => makeDetail({ state: 'CLOSED' }) });
    const answer = stores.caseActions.getState().close(DOMAIN, NAME);
    expect(stores.caseActions.getState().cases[KEY]?.busy).toBe('close');
    expect(await answer).toBe(true);
    expect(stores.caseDetails.getState().details[KEY]?.detail?.state).toBe('CLOSED');
    expect(stores.caseActions.getState().cases[KEY]).toMatchObject({
      busy: null,
      failed: null,
      done: { action: 'close' },
    });
  });

  it('sends a priority change through the outbox, and says when it was sent', async () => {
    const { bridge, stores } = await storesWith({ 'outbox:submit': outboxAnswer('sent') });
    const answer = stores.caseActions.getState().setPriority(DOMAIN, NAME, 'P1');
    expect(stores.caseActions.getState().cases[KEY]?.busy).toBe('priority');
    expect(await answer).toBe(true);
    expect(stores.caseActions.getState().cases[KEY]?.done).toMatchObject({ action: 'priority' });
    expect(stores.caseActions.getState().cases[KEY]?.done?.queued).toBeUndefined();
    expect(bridge.calls.find((c) => c.channel === 'outbox:submit')?.request).toEqual({
      domain: DOMAIN,
      draftId: null,
      submission: { kind: 'priority', caseName: NAME, priority: 'P1' },
    });
  });

  it('says a message queued in the outbox is queued, and the composer lets it go', async () => {
    const { bridge, stores } = await storesWith({ 'outbox:submit': outboxAnswer('queued') });
    const actions = () => stores.caseActions.getState();
    actions().setDraft(DOMAIN, NAME, 'Written offline.');
    expect(await actions().sendMessage(DOMAIN, NAME, 'Written offline.', false)).toBe(true);
    expect(actions().cases[KEY]).toMatchObject({ failed: null, done: { action: 'message', queued: true } });
    expect(actions().drafts[KEY]).toBeUndefined();
    expect(bridge.calls.find((c) => c.channel === 'outbox:submit')?.request).toMatchObject({
      submission: { kind: 'comment', caseName: NAME, body: 'Written offline.' },
    });
  });

  it('keeps the refusal with its reason, and the case as it was', async () => {
    const { stores } = await storesWith({
      'case:escalate': () => {
        throw { code: 'failed_precondition', message: 'no', detail: { reason: 'not_premium' } };
      },
    });
    expect(await stores.caseActions.getState().escalate(DOMAIN, NAME, 'BUSINESS_IMPACT', '  outage  ')).toBe(false);
    expect(stores.caseActions.getState().cases[KEY]?.failed).toEqual({
      action: 'escalate',
      error: { code: 'failed_precondition', message: 'no', detail: { reason: 'not_premium' } },
    });
    expect(stores.caseDetails.getState().details[KEY]?.detail?.escalated).toBe(false);
    stores.caseActions.getState().dismissError(DOMAIN, NAME);
    expect(stores.caseActions.getState().cases[KEY]?.failed).toBeNull();
  });

  it('trims the justification it sends', async () => {
    const { bridge, stores } = await storesWith({ 'case:escalate': () => makeDetail({ escalated: true }) });
    await stores.caseActions.getState().escalate(DOMAIN, NAME, 'BUSINESS_IMPACT', '  outage  ');
    expect(bridge.calls.find((c) => c.channel === 'case:escalate')?.request).toMatchObject({
      reason: 'BUSINESS_IMPACT',
      justification: 'outage',
    });
  });

  it('runs one action at a time per case', async () => {
    const gate = deferred<CaseDetail>();
    const { bridge, stores } = await storesWith({
      'case:close': () => gate.promise,
      'outbox:submit': outboxAnswer('sent'),
    });
    const closing = stores.caseActions.getState().close(DOMAIN, NAME);
    expect(await stores.caseActions.getState().setPriority(DOMAIN, NAME, 'P0')).toBe(false);
    expect(bridge.calls.some((c) => c.channel === 'outbox:submit')).toBe(false);
    gate.resolve(makeDetail({ state: 'CLOSED' }));
    expect(await closing).toBe(true);
    expect(stores.caseDetails.getState().details[KEY]?.detail?.state).toBe('CLOSED');
  });

  it('keeps a message refused at once, and clears it once sent', async () => {
    let fail = true;
    const { stores } = await storesWith({
      'outbox:submit': (request: SubmitRequest) => {
        if (fail) throw { code: 'failed_precondition', message: 'closed', detail: { reason: 'reopen_window_expired' } };
        return outboxAnswer('sent')(request);
      },
    });
    const actions = () => stores.caseActions.getState();
    actions().setDraft(DOMAIN, NAME, 'Still failing');
    expect(await actions().sendMessage(DOMAIN, NAME, 'Still failing', false)).toBe(false);
    expect(actions().drafts[KEY]).toBe('Still failing');
    expect(actions().cases[KEY]?.failed?.action).toBe('message');
    fail = false;
    expect(await actions().sendMessage(DOMAIN, NAME, 'Still failing', true)).toBe(true);
    expect(actions().drafts[KEY]).toBeUndefined();
    expect(actions().cases[KEY]?.done?.action).toBe('reopen');
  });

  it('keeps what was typed while a message was sending', async () => {
    const answer = deferred<OutboxItem>();
    const { stores } = await storesWith({ 'outbox:submit': () => answer.promise });
    const actions = () => stores.caseActions.getState();
    actions().setDraft(DOMAIN, NAME, 'First part.');
    const sending = actions().sendMessage(DOMAIN, NAME, 'First part.', false);
    actions().setDraft(DOMAIN, NAME, 'First part. And a second thought');
    answer.resolve(outboxItem(DOMAIN, { kind: 'comment', caseName: NAME, body: 'First part.' }, 'sent'));
    expect(await sending).toBe(true);
    expect(actions().drafts[KEY]).toBe('And a second thought');
  });

  it('refreshes the case list after an action, and forgets a signed-out domain', async () => {
    const { bridge, stores } = await storesWith({ 'outbox:submit': outboxAnswer('sent') });
    void stores.caseLists.getState().open(DOMAIN);
    await settle();
    const queriesBefore = bridge.calls.filter((c) => c.channel === 'cases:query').length;
    stores.caseActions.getState().setDraft(DOMAIN, NAME, 'draft');
    await stores.caseActions.getState().setSubscribers(DOMAIN, NAME, ['a@b.example']);
    await settle();
    expect(bridge.calls.filter((c) => c.channel === 'cases:query').length).toBeGreaterThan(queriesBefore);
    stores.caseActions.getState().forget(DOMAIN);
    expect(stores.caseActions.getState().cases[KEY]).toBeUndefined();
    expect(stores.caseActions.getState().drafts[KEY]).toBeUndefined();
  });
});
