import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createInvokeDispatcher } from '../../main/core/ipc/invoke-dispatcher';
import {
  CASE_CLASSIFICATIONS,
  DEMO_USERS,
  LUMIERE_DOMAIN,
  NORTHWIND_DOMAIN,
  startEmulator,
  type CustomerFacts,
  type RunningEmulator,
} from '../../main/emulator';
import { MAX_COMMENT_CHARS } from '../../shared/model/case-actions';
import { removeDataDir, startCoreHarness, type CoreHarness } from './helpers/core-harness';
import { casesOf, customerWith, emulatorClock, newCase } from './helpers/case-action-fixtures';

const INDEXING_DELAY_MS = 2_000;

describe('case actions against the emulator', () => {
  let emulator: RunningEmulator;
  let harness: CoreHarness;
  let premium: CustomerFacts;
  let standard: CustomerFacts;
  let refusing: CustomerFacts;
  let lumiere: CustomerFacts;

  const handlers = () => harness.core.handlers;
  /** Requests the core sent for `domain` since `from` (an index into harness.requests). */
  const sentSince = (from: number, domain = NORTHWIND_DOMAIN) =>
    harness.requests.slice(from).filter((request) => request.domain === domain);
  const routeCount = (route: string) => emulator.control.requestCounts()[route] ?? 0;

  beforeAll(async () => {
    emulator = await startEmulator({
      dataset: 'demo',
      control: true,
      agent: false,
      manualClock: true,
      indexingDelayMs: INDEXING_DELAY_MS,
    });
    // Syncs run only when a test asks: no timer pass slips requests into what a test counts.
    harness = await startCoreHarness({ emulator, clock: emulatorClock(emulator), syncIntervalMs: 3_600_000 });
    await handlers()['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    await handlers()['account:signIn']({ domain: LUMIERE_DOMAIN, loginHint: DEMO_USERS.claire });
    await handlers()['sync:now']({ domain: NORTHWIND_DOMAIN });
    await handlers()['sync:now']({ domain: LUMIERE_DOMAIN });
    premium = customerWith(emulator, NORTHWIND_DOMAIN, { resellerAccess: true, premiumSupport: true });
    standard = customerWith(emulator, NORTHWIND_DOMAIN, { resellerAccess: true, premiumSupport: false });
    refusing = customerWith(emulator, NORTHWIND_DOMAIN, { resellerAccess: false });
    lumiere = customerWith(emulator, LUMIERE_DOMAIN, { resellerAccess: true });
  });
  afterEach(() => emulator.control.faults.clear());
  afterAll(async () => {
    await harness.dispose();
    await removeDataDir(harness.dataDir);
    await emulator.close();
  });

  it('searches the categories by keywords in any order; an empty query lists the first page', async () => {
    const all = await handlers()['classifications:search']({ domain: NORTHWIND_DOMAIN, query: '' });
    expect(all).toEqual(
      CASE_CLASSIFICATIONS.slice(0, 100).map((classification) => ({
        id: classification.id,
        displayName: classification.displayName,
      })),
    );
    const expected = CASE_CLASSIFICATIONS.filter((classification) =>
      ['gmail', 'delivery'].every((word) => classification.displayName.toLowerCase().includes(word)),
    ).map((classification) => classification.id);
    expect(expected.length).toBeGreaterThan(0);
    for (const query of ['gmail delivery', 'Delivery  GMAIL']) {
      const found = await handlers()['classifications:search']({ domain: NORTHWIND_DOMAIN, query });
      expect(found.map((classification) => classification.id)).toEqual(expected);
    }
    expect(await handlers()['classifications:search']({ domain: NORTHWIND_DOMAIN, query: 'zzqx' })).toEqual([]);
  });

  it('files a case that shows at once as pending, and becomes the real case once the search lists it', async () => {
    const request = newCase(standard.customerId, {
      priority: 'P2',
      languageCode: 'fr',
      timeZone: 'America/Montreal',
      subscriberEmailAddresses: [`it@${standard.domain}`],
    });
    const countBefore = emulator.control.data.caseCount(NORTHWIND_DOMAIN);
    const listChanged = harness.events.length;
    const created = await handlers()['case:create']({ domain: NORTHWIND_DOMAIN, case: request });
    expect(created).toMatchObject({
      domain: NORTHWIND_DOMAIN,
      customerId: standard.customerId,
      title: request.title,
      description: request.description,
      classificationId: request.classification.id,
      priority: 'P2',
      languageCode: 'fr',
      timeZone: 'America/Montreal',
      subscriberEmailAddresses: [`it@${standard.domain}`],
      state: 'NEW',
      pending: true,
    });
    expect(created.name.startsWith(`${standard.organization}/cases/`)).toBe(true);
    expect(emulator.control.data.caseCount(NORTHWIND_DOMAIN)).toBe(countBefore + 1);
    const announced = harness.events.slice(listChanged).map((event) => event.channel);
    expect(announced).toEqual(expect.arrayContaining(['cases:changed', 'case:changed']));

    // In the list and in its customer's view at once.
    const rows = (await handlers()['cases:query'](casesOf(NORTHWIND_DOMAIN, standard.customerId))).rows;
    expect(rows.find((row) => row.name === created.name)).toMatchObject({ pending: true, title: request.title });
    // cases.get sees it at once; reading it does not end the pending state.
    const refreshed = harness.waitForEvent('case:changed', (event) => event.detail.name === created.name);
    const opened = await handlers()['case:get']({ domain: NORTHWIND_DOMAIN, name: created.name });
    expect(opened.detail).toMatchObject({ name: created.name, pending: true });
    expect((await refreshed).detail.pending).toBe(true);

    // Before the indexing delay the search does not list it: a sync keeps it pending.
    expect((await handlers()['sync:now']({ domain: NORTHWIND_DOMAIN })).state).toBe('idle');
    expect((await handlers()['case:get']({ domain: NORTHWIND_DOMAIN, name: created.name })).detail?.pending).toBe(true);
    emulator.control.clock.advance(INDEXING_DELAY_MS + 1);
    const settled = harness.events.length;
    expect((await handlers()['sync:now']({ domain: NORTHWIND_DOMAIN })).state).toBe('idle');
    expect(harness.events.slice(settled).some((event) => event.channel === 'cases:changed')).toBe(true);
    const after = (await handlers()['cases:query'](casesOf(NORTHWIND_DOMAIN, standard.customerId))).rows;
    expect(after.filter((row) => row.name === created.name)).toMatchObject([{ pending: false, title: request.title }]);
    expect(emulator.control.data.caseCount(NORTHWIND_DOMAIN)).toBe(countBefore + 1);
  });

  it('remembers the language and time zone per customer and per domain', async () => {
    const other = emulator.control.data
      .customers(NORTHWIND_DOMAIN)
      .find(
        (customer) =>
          customer.resellerAccess && !customer.changedReseller && customer.customerId !== standard.customerId,
      )!;
    expect(await handlers()['case:localeFor']({ domain: NORTHWIND_DOMAIN, customerId: other.customerId })).toBeNull();
    await handlers()['case:create']({
      domain: NORTHWIND_DOMAIN,
      case: newCase(other.customerId, { languageCode: 'de', timeZone: 'Europe/Berlin' }),
    });
    await handlers()['case:create']({
      domain: NORTHWIND_DOMAIN,
      case: newCase(standard.customerId, { languageCode: 'en-GB', timeZone: 'Europe/London' }),
    });
    expect(await handlers()['case:localeFor']({ domain: NORTHWIND_DOMAIN, customerId: other.customerId })).toEqual({
      languageCode: 'de',
      timeZone: 'Europe/Berlin',
    });
    expect(await handlers()['case:localeFor']({ domain: NORTHWIND_DOMAIN, customerId: standard.customerId })).toEqual({
      languageCode: 'en-GB',
      timeZone: 'Europe/London',
    });
    // Lumière's tab knows nothing of what Northwind chose.
    expect(await handlers()['case:localeFor']({ domain: LUMIERE_DOMAIN, customerId: other.customerId })).toBeNull();
  });

  it('files exactly one case when the connection drops after the server committed it', async () => {
    const request = newCase(premium.customerId);
    const countBefore = emulator.control.data.caseCount(NORTHWIND_DOMAIN);
    const createsBefore = routeCount('cases.create');
    emulator.control.faults.add({ route: 'cases.create', kind: 'drop-after-commit' });
    const created = await handlers()['case:create']({ domain: NORTHWIND_DOMAIN, case: request });
    expect(created).toMatchObject({ title: request.title, customerId: premium.customerId, pending: true });
    expect(routeCount('cases.create')).toBe(createsBefore + 1);
    expect(emulator.control.data.caseCount(NORTHWIND_DOMAIN)).toBe(countBefore + 1);
  });

  it('when the read-back fails too, reports the failure and a retry finds the case instead of filing again', async () => {
    const request = newCase(premium.customerId);
    const countBefore = emulator.control.data.caseCount(NORTHWIND_DOMAIN);
    emulator.control.faults.add({ route: 'cases.create', kind: 'drop-after-commit' });
    emulator.control.faults.add({ route: 'cases.list', kind: 'drop-before-commit', times: Infinity });
    await expect(handlers()['case:create']({ domain: NORTHWIND_DOMAIN, case: request })).rejects.toMatchObject({
      code: 'offline',
      detail: { maybeCommitted: 'true' },
    });
    emulator.control.faults.clear();
    const createsBefore = routeCount('cases.create');
    const retried = await handlers()['case:create']({ domain: NORTHWIND_DOMAIN, case: request });
    expect(retried).toMatchObject({ title: request.title, pending: true });
    expect(routeCount('cases.create')).toBe(createsBefore);
    expect(emulator.control.data.caseCount(NORTHWIND_DOMAIN)).toBe(countBefore + 1);
  });

  it('a connection dropped before the server committed: the read-back finds nothing, a retry files once', async () => {
    const request = newCase(standard.customerId);
    const countBefore = emulator.control.data.caseCount(NORTHWIND_DOMAIN);
    emulator.control.faults.add({ route: 'cases.create', kind: 'drop-before-commit' });
    await expect(handlers()['case:create']({ domain: NORTHWIND_DOMAIN, case: request })).rejects.toMatchObject({
      code: 'offline',
    });
    expect(emulator.control.data.caseCount(NORTHWIND_DOMAIN)).toBe(countBefore);
    const created = await handlers()['case:create']({ domain: NORTHWIND_DOMAIN, case: request });
    expect(created.title).toBe(request.title);
    expect(emulator.control.data.caseCount(NORTHWIND_DOMAIN)).toBe(countBefore + 1);
  });

  it('a case submitted twice at once is filed once', async () => {
    const request = newCase(standard.customerId);
    const countBefore = emulator.control.data.caseCount(NORTHWIND_DOMAIN);
    const [first, second] = await Promise.all([
      handlers()['case:create']({ domain: NORTHWIND_DOMAIN, case: request }),
      handlers()['case:create']({ domain: NORTHWIND_DOMAIN, case: request }),
    ]);
    expect(second.name).toBe(first.name);
    expect(emulator.control.data.caseCount(NORTHWIND_DOMAIN)).toBe(countBefore + 1);
  });

  it('refuses a customer without reseller access, naming the remedy, without a request', async () => {
    const customers = await handlers()['customers:list']({ domain: NORTHWIND_DOMAIN });
    expect(customers.find((customer) => customer.customerId === refusing.customerId)?.access).toBe('not_granted');
    const from = harness.requests.length;
    const createsBefore = routeCount('cases.create');
    const refusal = handlers()['case:create']({ domain: NORTHWIND_DOMAIN, case: newCase(refusing.customerId) });
    await expect(refusal).rejects.toMatchObject({
      code: 'no_reseller_access',
      detail: { customerId: refusing.customerId },
      message: expect.stringMatching(/super admin of the customer/),
    });
    expect(sentSince(from)).toEqual([]);
    expect(routeCount('cases.create')).toBe(createsBefore);
  });

  it('changes the priority with an update mask of priority only, and every view follows', async () => {
    const created = await handlers()['case:create']({
      domain: NORTHWIND_DOMAIN,
      case: newCase(standard.customerId, { subscriberEmailAddresses: [`keep@${standard.domain}`] }),
    });
    const from = harness.requests.length;
    const changed = harness.waitForEvent(
      'case:changed',
      (event) => event.detail.name === created.name && event.detail.priority === 'P1',
    );
    const updated = await handlers()['case:setPriority']({
      domain: NORTHWIND_DOMAIN,
      name: created.name,
      priority: 'P1',
    });
    expect(updated).toMatchObject({ name: created.name, priority: 'P1', pending: true });
    expect(updated.subscriberEmailAddresses).toEqual([`keep@${standard.domain}`]);
    await changed;
    const patches = sentSince(from).filter((request) => request.method === 'PATCH');
    expect(patches.map((request) => request.url.searchParams.get('updateMask'))).toEqual(['priority']);
    const row = (await handlers()['cases:query'](casesOf(NORTHWIND_DOMAIN, standard.customerId))).rows.find(
      (candidate) => candidate.name === created.name,
    );
    expect(row?.priority).toBe('P1');
  });

  it('shares a case: subscribers checked, de-duplicated and patched with their mask only', async () => {
    const created = await handlers()['case:create']({
      domain: NORTHWIND_DOMAIN,
      case: newCase(standard.customerId, { priority: 'P2' }),
    });
    const from = harness.requests.length;
    const shared = await handlers()['case:setSubscribers']({
      domain: NORTHWIND_DOMAIN,
      name: created.name,
      emails: [`ops@${standard.domain}`, `Team-Admins@${standard.domain}`, `OPS@${standard.domain}`],
    });
    expect(shared.subscriberEmailAddresses).toEqual([`ops@${standard.domain}`, `Team-Admins@${standard.domain}`]);
    expect(shared.priority).toBe('P2');
    const patches = sentSince(from).filter((request) => request.method === 'PATCH');
    expect(patches.map((request) => request.url.searchParams.get('updateMask'))).toEqual([
      'subscriber_email_addresses',
    ]);

    const beforeBad = harness.requests.length;
    await expect(
      handlers()['case:setSubscribers']({ domain: NORTHWIND_DOMAIN, name: created.name, emails: ['not an email'] }),
    ).rejects.toMatchObject({
      code: 'invalid_argument',
      detail: { field: 'subscriberEmailAddresses', value: 'not an email' },
    });
    expect(sentSince(beforeBad)).toEqual([]);

    const cleared = await handlers()['case:setSubscribers']({
      domain: NORTHWIND_DOMAIN,
      name: created.name,
      emails: [],
    });
    expect(cleared.subscriberEmailAddresses).toEqual([]);
  });

  it('escalates for a Premium customer only; others are refused before any request', async () => {
    const plain = await handlers()['case:create']({ domain: NORTHWIND_DOMAIN, case: newCase(standard.customerId) });
    const from = harness.requests.length;
    await expect(
      handlers()['case:escalate']({
        domain: NORTHWIND_DOMAIN,
        name: plain.name,
        reason: 'BUSINESS_IMPACT',
        justification: 'Sales cannot email customers.',
      }),
    ).rejects.toMatchObject({
      code: 'failed_precondition',
      detail: { reason: 'not_premium', customerId: standard.customerId },
    });
    expect(sentSince(from)).toEqual([]);

    const important = await handlers()['case:create']({ domain: NORTHWIND_DOMAIN, case: newCase(premium.customerId) });
    const escalated = await handlers()['case:escalate']({
      domain: NORTHWIND_DOMAIN,
      name: important.name,
      reason: 'RESOLUTION_TIME',
      justification: 'No answer for two days on a P1.',
    });
    expect(escalated).toMatchObject({ name: important.name, escalated: true });
    // The emulator refuses a second escalation; the view is refreshed and the refusal passed on.
    await expect(
      handlers()['case:escalate']({
        domain: NORTHWIND_DOMAIN,
        name: important.name,
        reason: 'RESOLUTION_TIME',
        justification: 'Again.',
      }),
    ).rejects.toMatchObject({ code: 'failed_precondition' });
  });

  it('sends a message to support; one over 12,800 characters is refused before any request', async () => {
    const created = await handlers()['case:create']({ domain: NORTHWIND_DOMAIN, case: newCase(standard.customerId) });
    const body = 'The delay is now four hours.\nHeaders attached.';
    const commented = await handlers()['case:comment']({ domain: NORTHWIND_DOMAIN, name: created.name, body });
    expect(commented.comments.map((comment) => comment.body)).toContain(body);
    expect(commented.comments.find((comment) => comment.body === body)?.creator.email).toBe(DEMO_USERS.alex);

    const from = harness.requests.length;
    const tooLong = 'x'.repeat(MAX_COMMENT_CHARS + 1);
    await expect(
      handlers()['case:comment']({ domain: NORTHWIND_DOMAIN, name: created.name, body: tooLong }),
    ).rejects.toMatchObject({
      code: 'invalid_argument',
      detail: { field: 'body', maxChars: String(MAX_COMMENT_CHARS), length: String(MAX_COMMENT_CHARS + 1) },
    });
    // Through IPC the contract refuses it first, naming the field.
    const dispatch = createInvokeDispatcher(harness.core.handlers);
    expect(
      await dispatch('case:comment', { domain: NORTHWIND_DOMAIN, name: created.name, body: tooLong }),
    ).toMatchObject({ ok: false, error: { code: 'bad_request', detail: { field: 'body' } } });
    expect(sentSince(from)).toEqual([]);
    const exact = await handlers()['case:comment']({
      domain: NORTHWIND_DOMAIN,
      name: created.name,
      body: 'y'.repeat(MAX_COMMENT_CHARS),
    });
    expect(exact.comments).toHaveLength(commented.comments.length + 1);
  });

  it('closes a case, and the list shows it closed', async () => {
    const created = await handlers()['case:create']({ domain: NORTHWIND_DOMAIN, case: newCase(premium.customerId) });
    const closed = await handlers()['case:close']({ domain: NORTHWIND_DOMAIN, name: created.name });
    expect(closed).toMatchObject({ name: created.name, state: 'CLOSED' });
    const row = (await handlers()['cases:query'](casesOf(NORTHWIND_DOMAIN, premium.customerId))).rows.find(
      (candidate) => candidate.name === created.name,
    );
    expect(row?.state).toBe('CLOSED');
    await expect(handlers()['case:close']({ domain: NORTHWIND_DOMAIN, name: created.name })).rejects.toMatchObject({
      code: 'failed_precondition',
    });
  });

  it("never acts on another domain's customers or cases, and sends nothing to try", async () => {
    const theirs = await handlers()['case:create']({ domain: LUMIERE_DOMAIN, case: newCase(lumiere.customerId) });
    expect(theirs.domain).toBe(LUMIERE_DOMAIN);
    emulator.control.clearRequestLog();
    const from = harness.requests.length;
    const name = theirs.name;
    const attempts = [
      handlers()['case:create']({ domain: NORTHWIND_DOMAIN, case: newCase(lumiere.customerId) }),
      handlers()['case:setPriority']({ domain: NORTHWIND_DOMAIN, name, priority: 'P0' }),
      handlers()['case:close']({ domain: NORTHWIND_DOMAIN, name }),
      handlers()['case:escalate']({ domain: NORTHWIND_DOMAIN, name, reason: 'BUSINESS_IMPACT', justification: 'x' }),
      handlers()['case:comment']({ domain: NORTHWIND_DOMAIN, name, body: 'hello' }),
      handlers()['case:setSubscribers']({ domain: NORTHWIND_DOMAIN, name, emails: [`a@${lumiere.domain}`] }),
    ];
    for (const attempt of attempts) await expect(attempt).rejects.toMatchObject({ code: 'not_found' });
    expect(sentSince(from)).toEqual([]);
    const crossing = emulator.control
      .requestLog()
      .filter(
        (entry) =>
          entry.tokenDomain === NORTHWIND_DOMAIN &&
          (entry.targetDomain === LUMIERE_DOMAIN || entry.path.includes(`${lumiere.organization}/`)),
      );
    expect(crossing).toEqual([]);
    // Lumière's own case is untouched.
    const own = await handlers()['case:get']({ domain: LUMIERE_DOMAIN, name });
    expect(own.detail).toMatchObject({ priority: theirs.priority, state: 'NEW', comments: [] });
    // A domain that is not signed in is refused too.
    await expect(
      handlers()['case:create']({ domain: 'other-reseller.example', case: newCase(lumiere.customerId) }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('passes on what the renderer words: rate limit, offline, expired session', async () => {
    const created = await handlers()['case:create']({ domain: NORTHWIND_DOMAIN, case: newCase(standard.customerId) });
    emulator.control.faults.add({ route: 'cases.patch', kind: '429' });
    await expect(
      handlers()['case:setPriority']({ domain: NORTHWIND_DOMAIN, name: created.name, priority: 'P0' }),
    ).rejects.toMatchObject({ code: 'quota', detail: { retryAfterMs: '30000' } });
    emulator.control.faults.add({ route: 'cases.close', kind: 'drop-before-commit' });
    await expect(handlers()['case:close']({ domain: NORTHWIND_DOMAIN, name: created.name })).rejects.toMatchObject({
      code: 'offline',
    });
    expect((await handlers()['case:get']({ domain: NORTHWIND_DOMAIN, name: created.name })).detail).toMatchObject({
      priority: created.priority,
      state: 'NEW',
    });
    // Last: the domain's session ends for good.
    emulator.control.revokeUserTokens(DEMO_USERS.alex);
    await expect(
      handlers()['case:comment']({ domain: NORTHWIND_DOMAIN, name: created.name, body: 'Anyone?' }),
    ).rejects.toMatchObject({ code: 'session_expired' });
    await expect(
      handlers()['case:create']({ domain: NORTHWIND_DOMAIN, case: newCase(standard.customerId) }),
    ).rejects.toMatchObject({ code: 'session_expired' });
  });
});
