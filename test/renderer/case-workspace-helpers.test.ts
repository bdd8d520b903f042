import { describe, expect, it } from 'vitest';
import { createI18n } from '../../renderer/i18n/create-i18n';
import { createPartnerDeskClient } from '../../renderer/ipc/partner-desk-client';
import { createCustomersStore } from '../../renderer/store/customers-store';
import { createNewCaseStore } from '../../renderer/store/new-case-store';
import { createUiStore } from '../../renderer/store/ui-store';
import { followUpDescription, startFollowUp } from '../../renderer/store/start-follow-up';
import { checkSubscriber, MAX_SUBSCRIBERS } from '../../renderer/store/subscriber-emails';
import { describeError } from '../../renderer/ui/describe-error';
import { PRECONDITION_REASONS } from '../../shared/app-error';
import { DOMAIN, makeDetail } from './case-detail-fixtures';
import { createFakeBridge, settle } from './fake-bridge';

describe('a subscriber address typed in the share field', () => {
  it('accepts a user or group address, trimmed and lower-cased', () => {
    expect(checkSubscriber('  Support-Team@Acme.example ', [])).toEqual({
      ok: true,
      email: 'support-team@acme.example',
    });
  });

  it('refuses what is empty, not an address, already there, or one too many', () => {
    expect(checkSubscriber('  ', [])).toEqual({ ok: false, problem: 'empty' });
    expect(checkSubscriber('acme.example', [])).toEqual({ ok: false, problem: 'invalid' });
    expect(checkSubscriber('a b@acme.example', [])).toEqual({ ok: false, problem: 'invalid' });
    expect(checkSubscriber('IT@acme.example', ['it@acme.example'])).toEqual({ ok: false, problem: 'duplicate' });
    const full = Array.from({ length: MAX_SUBSCRIBERS }, (_, i) => `u${i}@acme.example`);
    expect(checkSubscriber('new@acme.example', full)).toEqual({ ok: false, problem: 'too_many' });
  });
});

describe('refusals of case actions in words', () => {
  it('names Premium support and the reopen window in both languages, by the core’s reasons', () => {
    const en = createI18n('en').t;
    const fr = createI18n('fr').t;
    for (const reason of [PRECONDITION_REASONS.notPremium]) {
      const error = { code: 'failed_precondition' as const, message: 'x', detail: { reason } };
      expect(describeError(en, error).title).toContain('Premium support');
      expect(describeError(fr, error).title).toContain('Assistance Premium');
    }
    for (const reason of [PRECONDITION_REASONS.reopenWindowExpired]) {
      const error = { code: 'failed_precondition' as const, message: 'x', detail: { reason } };
      expect(describeError(en, error).remedy).toContain('follow-up case');
      expect(describeError(fr, error).remedy).toContain('demande de suivi');
    }
    const other = { code: 'failed_precondition' as const, message: 'x', detail: { reason: 'constructor' } };
    expect(describeError(en, other).title).toBe(en('errors.failed_precondition.title'));
  });
});

describe('a follow-up to a case closed too long ago', () => {
  const text = { reference: 'Follow-up to case 1001', originalHeading: 'Description of case 1001:' };
  const closed = makeDetail({
    state: 'CLOSED',
    title: 'Mail delayed',
    priority: 'P2',
    category: 'Gmail > Delivery',
    subscriberEmailAddresses: ['it@acme.example'],
  });

  function stores() {
    const client = createPartnerDeskClient(
      createFakeBridge({ 'case:localeFor': () => null, 'files:release': () => ({}) }),
    );
    const env = { systemLocale: () => 'en-US', systemTimeZone: () => 'America/New_York', newTransferId: () => 't' };
    return { newCase: createNewCaseStore(client, env), customers: createCustomersStore(client), ui: createUiStore() };
  }

  it('opens New case on the same customer, prefilled and referring to the closed case', async () => {
    const app = stores();
    startFollowUp(app, DOMAIN, closed, text);
    await settle();
    const draft = app.newCase.getState().drafts[DOMAIN];
    expect(draft).toMatchObject({
      customer: { customerId: closed.customerId, organizationName: closed.customerName },
      title: 'Mail delayed',
      priority: 'P2',
      classification: { id: closed.classificationId, displayName: 'Gmail > Delivery' },
      subscribersText: 'it@acme.example',
      languageCode: 'fr',
      timeZone: 'Europe/Paris',
    });
    expect(draft?.details).toBe(followUpDescription(closed, text));
    expect(draft?.details.startsWith('Follow-up to case 1001')).toBe(true);
    expect(draft?.details).toContain(closed.description);
    expect(app.ui.getState().dialog).toEqual({ kind: 'new-case', domain: DOMAIN });
  });

  it('keeps what was already typed in a draft, adding the reference once', async () => {
    const app = stores();
    app.newCase.getState().start(DOMAIN);
    app.newCase.getState().update(DOMAIN, { title: 'My own title', details: 'My own words' });
    startFollowUp(app, DOMAIN, closed, text);
    startFollowUp(app, DOMAIN, closed, text);
    await settle();
    const draft = app.newCase.getState().drafts[DOMAIN];
    expect(draft?.title).toBe('My own title');
    expect(draft?.details).toBe('Follow-up to case 1001\n\nMy own words');
  });
});

describe('a file dropped on a case', () => {
  const file = { name: 'trace.har' } as File;

  it('is staged through the bridge, its envelope checked against the contract', async () => {
    const staged = { fileId: 'f1', filename: 'trace.har', sizeBytes: 12, mimeType: 'application/json' };
    const bridge = { ...createFakeBridge({}), stageDroppedFile: async () => ({ ok: true, value: staged }) };
    expect(await createPartnerDeskClient(bridge).stageDroppedFile(file)).toEqual(staged);
    const refused = {
      ...createFakeBridge({}),
      stageDroppedFile: async () => ({ ok: false, error: { code: 'invalid_argument', message: 'a folder' } }),
    };
    await expect(createPartnerDeskClient(refused).stageDroppedFile(file)).rejects.toMatchObject({
      code: 'invalid_argument',
    });
    const malformed = { ...createFakeBridge({}), stageDroppedFile: async () => ({ ok: true, value: { fileId: 1 } }) };
    await expect(createPartnerDeskClient(malformed).stageDroppedFile(file)).rejects.toMatchObject({ code: 'internal' });
  });
});
