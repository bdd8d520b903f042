import { describe, expect, it } from 'vitest';
import type { CaseClassificationChoice, NewCase, StagedFile } from '../../shared/model/case-actions';
import { createPartnerDeskClient } from '../../renderer/ipc/partner-desk-client';
import {
  createNewCaseStore,
  firstIncompleteStep,
  NEW_CASE_STEPS,
  type DescriptionText,
  type DraftCustomer,
} from '../../renderer/store/new-case-store';
import { questionKeysOf } from '../../shared/new-case/guided-questions';
import { FILED, outboxAnswer, type SubmitRequest } from './outbox-fixtures';
import { createFakeBridge, deferred, settle, type FakeHandlers } from './fake-bridge';

const DOMAIN = 'northwind-reseller.example';
const OTHER = 'lumiere-revendeur.example';
const ACME: DraftCustomer = { customerId: 'C01', domain: 'acme.example', organizationName: 'Acme', access: 'granted' };
const BLOCKED: DraftCustomer = {
  customerId: 'C02',
  domain: 'blocked.example',
  organizationName: 'Blocked',
  access: 'not_granted',
};
const GMAIL: CaseClassificationChoice = { id: '100ABC', displayName: 'Google Workspace > Gmail > Delivery issues' };
const FILE = (n: number): StagedFile => ({
  fileId: `f${n}`,
  filename: `log-${n}.txt`,
  sizeBytes: 100 * n,
  mimeType: 'text/plain',
});
const TEXT: DescriptionText = { question: (key) => `Q(${key})`, heading: 'Answers' };

const newCaseOf = (request: SubmitRequest): NewCase => {
  if (request.submission.kind !== 'new_case') throw new Error(`submitted a ${request.submission.kind}`);
  return request.submission.newCase;
};

function setup(handlers: FakeHandlers = {}) {
  let transfer = 0;
  const bridge = createFakeBridge({
    'case:localeFor': () => null,
    'files:release': () => ({}),
    ...handlers,
  });
  const store = createNewCaseStore(createPartnerDeskClient(bridge), {
    systemLocale: () => 'fr-CA',
    systemTimeZone: () => 'America/Toronto',
    newTransferId: () => `t${++transfer}`,
  });
  return { bridge, store, calls: (channel: string) => bridge.calls.filter((c) => c.channel === channel) };
}

/** Fills every step as a user would, moving on with next() (which refuses incomplete steps). */
async function fillAll(store: ReturnType<typeof setup>['store']) {
  const s = () => store.getState();
  s().start(DOMAIN, ACME);
  await settle();
  expect(s().next(DOMAIN)).toBe(true); // customer
  expect(s().next(DOMAIN)).toBe(true); // product
  s().update(DOMAIN, { title: '  Mail to outlook.com bounces  ' });
  expect(s().next(DOMAIN)).toBe(true);
  s().update(DOMAIN, { classification: GMAIL });
  expect(s().next(DOMAIN)).toBe(true);
  s().update(DOMAIN, { details: 'Bounces since Monday.' });
  s().setAnswer(DOMAIN, questionKeysOf('gmail')[0]!, '12 users');
  expect(s().next(DOMAIN)).toBe(true);
  s().update(DOMAIN, { attachments: [FILE(1), FILE(2)] });
  expect(s().next(DOMAIN)).toBe(true);
  s().update(DOMAIN, { priority: 'P2' });
  expect(s().next(DOMAIN)).toBe(true);
  expect(s().next(DOMAIN)).toBe(true); // locale, prefilled
  s().update(DOMAIN, { subscribersText: 'it@acme.example, Ops@Acme.example' });
  expect(s().next(DOMAIN)).toBe(true);
  expect(s().drafts[DOMAIN]?.step).toBe('review');
}

describe('new case store', () => {
  it('prefills language and time zone from the OS, then from the customer, never over the user choice', async () => {
    const answer = deferred<{ languageCode: string; timeZone: string }>();
    const { store } = setup({ 'case:localeFor': () => answer.promise });
    store.getState().start(DOMAIN);
    expect(store.getState().drafts[DOMAIN]).toMatchObject({
      languageCode: 'fr',
      timeZone: 'America/Toronto',
      localeSource: 'system',
      step: 'customer',
    });
    void store.getState().selectCustomer(DOMAIN, ACME);
    answer.resolve({ languageCode: 'de', timeZone: 'Europe/Berlin' });
    await settle();
    expect(store.getState().drafts[DOMAIN]).toMatchObject({
      languageCode: 'de',
      timeZone: 'Europe/Berlin',
      localeSource: 'customer',
    });

    const late = deferred<{ languageCode: string; timeZone: string }>();
    const second = setup({ 'case:localeFor': () => late.promise });
    second.store.getState().start(DOMAIN, ACME);
    second.store.getState().setLocale(DOMAIN, { timeZone: 'Asia/Tokyo' });
    late.resolve({ languageCode: 'de', timeZone: 'Europe/Berlin' });
    await settle();
    expect(second.store.getState().drafts[DOMAIN]).toMatchObject({
      languageCode: 'fr',
      timeZone: 'Asia/Tokyo',
      localeSource: 'user',
    });
  });

  it('keeps the OS prefill when the locale lookup fails', async () => {
    const { store } = setup({
      'case:localeFor': () => {
        throw { code: 'offline', message: 'down' };
      },
    });
    store.getState().start(DOMAIN, ACME);
    await settle();
    expect(store.getState().drafts[DOMAIN]).toMatchObject({ languageCode: 'fr', localeSource: 'system' });
  });

  it('refuses to leave an incomplete step and marks it, and never preselects a customer without access', async () => {
    const { store } = setup();
    store.getState().start(DOMAIN, BLOCKED);
    await settle();
    expect(store.getState().drafts[DOMAIN]?.customer).toBeNull();
    expect(store.getState().next(DOMAIN)).toBe(false);
    expect(store.getState().drafts[DOMAIN]).toMatchObject({ step: 'customer', attempted: ['customer'] });
    void store.getState().selectCustomer(DOMAIN, BLOCKED);
    expect(store.getState().next(DOMAIN)).toBe(false);
    void store.getState().selectCustomer(DOMAIN, ACME);
    expect(store.getState().next(DOMAIN)).toBe(true);
    expect(store.getState().next(DOMAIN)).toBe(true);
    store.getState().update(DOMAIN, { title: '   ' });
    expect(store.getState().next(DOMAIN)).toBe(false);
    expect(store.getState().drafts[DOMAIN]?.step).toBe('title');
    store.getState().back(DOMAIN);
    expect(store.getState().drafts[DOMAIN]?.step).toBe('product');
  });

  it('submits everything typed through the outbox, the description composed, then forgets the draft', async () => {
    const { store, calls } = setup({ 'outbox:submit': outboxAnswer('sent') });
    await fillAll(store);
    const created = await store.getState().submit(DOMAIN, TEXT);
    expect(created).toEqual({ name: FILED, customerId: 'C01' });
    const request = calls('outbox:submit')[0]!.request as SubmitRequest;
    expect(request.domain).toBe(DOMAIN);
    expect(newCaseOf(request)).toEqual({
      customerId: 'C01',
      title: 'Mail to outlook.com bounces',
      classification: GMAIL,
      description: `Bounces since Monday.\n\nAnswers\nQ(${questionKeysOf('gmail')[0]})\n12 users`,
      priority: 'P2',
      languageCode: 'fr',
      timeZone: 'America/Toronto',
      subscriberEmailAddresses: ['it@acme.example', 'ops@acme.example'],
      attachments: [
        { fileId: 'f1', transferId: 't1' },
        { fileId: 'f2', transferId: 't2' },
      ],
    });
    expect(store.getState().drafts[DOMAIN]).toBeUndefined();
    // The staged files went to the outbox, which uploads them: none released.
    expect(calls('files:release')).toEqual([]);
  });

  it('says a case queued in the outbox is queued, and forgets the draft the outbox now holds', async () => {
    const { store, calls } = setup({ 'outbox:submit': outboxAnswer('queued') });
    await fillAll(store);
    expect(await store.getState().submit(DOMAIN, TEXT)).toBe('queued');
    expect(calls('outbox:submit')).toHaveLength(1);
    expect(store.getState().drafts[DOMAIN]).toBeUndefined();
    expect(calls('files:release')).toEqual([]);
  });

  it('keeps everything typed when the submit fails, and says why', async () => {
    let fail = true;
    const { store } = setup({
      'outbox:submit': (request: SubmitRequest) => {
        if (fail) throw { code: 'no_reseller_access', message: 'denied', detail: { customerId: 'C01' } };
        return outboxAnswer('sent')(request);
      },
    });
    await fillAll(store);
    const before = store.getState().drafts[DOMAIN]!;
    expect(await store.getState().submit(DOMAIN, TEXT)).toBeNull();
    const after = store.getState().drafts[DOMAIN]!;
    expect(after.submitError?.code).toBe('no_reseller_access');
    expect(after.submitting).toBe(false);
    expect({ ...after, submitError: null }).toEqual({ ...before, submitError: null });
    fail = false;
    expect(await store.getState().submit(DOMAIN, TEXT)).toEqual({ name: FILED, customerId: 'C01' });
  });

  it('sends nothing while a step is incomplete, and goes to that step', async () => {
    const { store, calls } = setup({ 'outbox:submit': outboxAnswer('sent') });
    await fillAll(store);
    store.getState().update(DOMAIN, { subscribersText: 'ok@acme.example, nope' });
    expect(await store.getState().submit(DOMAIN, TEXT)).toBeNull();
    expect(calls('outbox:submit')).toEqual([]);
    expect(store.getState().drafts[DOMAIN]).toMatchObject({ step: 'share' });
    expect(firstIncompleteStep(store.getState().drafts[DOMAIN]!)).toBe('share');
  });

  it('adds picked files once, releases removed and discarded ones', async () => {
    let picks = [
      [FILE(1), FILE(2)],
      [FILE(2), FILE(3)],
    ];
    const { store, calls } = setup({ 'files:pick': () => picks.shift() ?? [] });
    store.getState().start(DOMAIN);
    await store.getState().pickFiles(DOMAIN);
    await store.getState().pickFiles(DOMAIN);
    expect(store.getState().drafts[DOMAIN]?.attachments.map((f) => f.fileId)).toEqual(['f1', 'f2', 'f3']);
    store.getState().removeFile(DOMAIN, 'f2');
    expect(store.getState().drafts[DOMAIN]?.attachments.map((f) => f.fileId)).toEqual(['f1', 'f3']);
    store.getState().discard(DOMAIN);
    await settle();
    expect(calls('files:release').map((c) => (c.request as { fileId: string }).fileId)).toEqual(['f2', 'f1', 'f3']);
    expect(store.getState().drafts[DOMAIN]).toBeUndefined();
    picks = [];
  });

  it('stages dropped files one by one, and says why one was refused', async () => {
    const { bridge, store } = setup();
    const staged: string[] = [];
    bridge.stageDroppedFile = async (file: File) => {
      staged.push(file.name);
      if (file.name === 'folder') return { ok: false, error: { code: 'invalid_argument', message: 'a folder' } };
      return {
        ok: true,
        value: { fileId: `id-${file.name}`, filename: file.name, sizeBytes: file.size, mimeType: 'text/plain' },
      };
    };
    store.getState().start(DOMAIN);
    await store
      .getState()
      .dropFiles(DOMAIN, [new File(['abc'], 'a.txt'), new File([], 'folder'), new File(['de'], 'b.txt')]);
    expect(staged).toEqual(['a.txt', 'folder', 'b.txt']);
    expect(store.getState().drafts[DOMAIN]?.attachments.map((f) => [f.filename, f.sizeBytes])).toEqual([
      ['a.txt', 3],
      ['b.txt', 2],
    ]);
    // The refusal stays said though a later file was staged; the next drop starts afresh.
    expect(store.getState().drafts[DOMAIN]?.filesError?.code).toBe('invalid_argument');
    await store.getState().dropFiles(DOMAIN, [new File(['f'], 'c.txt')]);
    expect(store.getState().drafts[DOMAIN]?.filesError).toBeNull();
    expect(store.getState().drafts[DOMAIN]?.attachments).toHaveLength(3);
  });

  it('keeps the answer of the latest category search only', async () => {
    const answers = new Map<string, ReturnType<typeof deferred<CaseClassificationChoice[]>>>();
    const { store } = setup({
      'classifications:search': ({ query }: { query: string }) => {
        const answer = deferred<CaseClassificationChoice[]>();
        answers.set(query, answer);
        return answer.promise;
      },
    });
    store.getState().start(DOMAIN);
    void store.getState().searchCategories(DOMAIN, 'gm');
    void store.getState().searchCategories(DOMAIN, 'gmail');
    answers.get('gmail')!.resolve([GMAIL]);
    await settle();
    answers.get('gm')!.resolve([GMAIL, { id: '100X', displayName: 'Google Workspace > Google Meet > Recording' }]);
    await settle();
    expect(store.getState().categories[DOMAIN]).toMatchObject({ query: 'gmail', results: [GMAIL], loading: false });
  });

  it('keeps one draft per domain: one never shows or submits the other', async () => {
    const { store, calls } = setup({ 'outbox:submit': outboxAnswer('sent') });
    await fillAll(store);
    store.getState().start(OTHER);
    expect(store.getState().drafts[OTHER]).toMatchObject({ customer: null, title: '', step: 'customer' });
    expect(await store.getState().submit(OTHER, TEXT)).toBeNull();
    expect(calls('outbox:submit')).toEqual([]);
    expect(store.getState().drafts[DOMAIN]?.title).toBe('  Mail to outlook.com bounces  ');
    // Closing and reopening (start again) resumes the draft where it was left.
    const left = store.getState().drafts[DOMAIN]?.step;
    store.getState().start(DOMAIN);
    expect(store.getState().drafts[DOMAIN]).toMatchObject({
      step: left,
      title: '  Mail to outlook.com bounces  ',
    });
    // From a customer's entry point it opens on the customer step.
    store.getState().start(DOMAIN, ACME);
    expect(store.getState().drafts[DOMAIN]?.step).toBe('customer');
    expect(NEW_CASE_STEPS).toHaveLength(10);
  });
});
