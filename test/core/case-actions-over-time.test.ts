import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDEXING_MARGIN_MS } from '../../main/core/sync/sync-pass';
import {
  DEMO_USERS,
  NORTHWIND_DOMAIN,
  startEmulator,
  type CustomerFacts,
  type RunningEmulator,
} from '../../main/emulator';
import { REOPEN_WINDOW_MS } from '../../shared/model/reopen-window';
import { removeDataDir, startCoreHarness, type CoreHarness } from './helpers/core-harness';
import { casesOf, customerWith, emulatorClock, newCase } from './helpers/case-action-fixtures';

const DAY_MS = 24 * 60 * 60 * 1000;
const INDEXING_DELAY_MS = 2_000;

describe('case actions as time passes: the reopen window and slow indexing', () => {
  let emulator: RunningEmulator;
  let harness: CoreHarness;
  let customer: CustomerFacts;

  const handlers = () => harness.core.handlers;
  const routeCount = (route: string) => emulator.control.requestCounts()[route] ?? 0;
  const fileCase = async () => {
    const created = await handlers()['case:create']({ domain: NORTHWIND_DOMAIN, case: newCase(customer.customerId) });
    emulator.control.clock.advance(INDEXING_DELAY_MS + 1);
    return created;
  };

  beforeAll(async () => {
    emulator = await startEmulator({
      dataset: 'demo',
      control: true,
      agent: false,
      manualClock: true,
      indexingDelayMs: INDEXING_DELAY_MS,
    });
    harness = await startCoreHarness({ emulator, clock: emulatorClock(emulator), syncIntervalMs: 3_600_000 });
    await handlers()['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    await handlers()['sync:now']({ domain: NORTHWIND_DOMAIN });
    customer = customerWith(emulator, NORTHWIND_DOMAIN, { resellerAccess: true });
  });
  afterAll(async () => {
    await harness.dispose();
    await removeDataDir(harness.dataDir);
    await emulator.close();
  });

  it('keeps a case pending until the search lists it, even when indexing takes longer than the sync looks back', async () => {
    const slowIndexing = INDEXING_MARGIN_MS + 5 * 60_000;
    emulator.control.set({ indexingDelayMs: slowIndexing });
    try {
      const slow = await handlers()['case:create']({ domain: NORTHWIND_DOMAIN, case: newCase(customer.customerId) });
      emulator.control.clock.advance(INDEXING_MARGIN_MS + 60_000);
      // A case the search already lists changes after the pending one was filed: the sync's cursor moves past it.
      const older = (await handlers()['cases:query'](casesOf(NORTHWIND_DOMAIN, customer.customerId))).rows.find(
        (row) => !row.pending && row.state !== 'CLOSED',
      )!;
      await handlers()['case:setPriority']({
        domain: NORTHWIND_DOMAIN,
        name: older.name,
        priority: older.priority === 'P4' ? 'P3' : 'P4',
      });
      await handlers()['sync:now']({ domain: NORTHWIND_DOMAIN });
      const pendingNow = (await handlers()['cases:query'](casesOf(NORTHWIND_DOMAIN, customer.customerId))).rows
        .filter((row) => row.pending)
        .map((row) => row.name);
      expect(pendingNow).toContain(slow.name);

      emulator.control.clock.advance(slowIndexing);
      await handlers()['sync:now']({ domain: NORTHWIND_DOMAIN });
      const rows = (await handlers()['cases:query'](casesOf(NORTHWIND_DOMAIN, customer.customerId))).rows;
      expect(rows.filter((row) => row.name === slow.name)).toMatchObject([{ pending: false }]);
    } finally {
      emulator.control.set({ indexingDelayMs: INDEXING_DELAY_MS });
    }
  });

  it('a message on a case closed at most 30 days ago reopens it', async () => {
    const created = await fileCase();
    const closed = await handlers()['case:close']({ domain: NORTHWIND_DOMAIN, name: created.name });
    expect(closed.state).toBe('CLOSED');
    emulator.control.clock.advance(REOPEN_WINDOW_MS - DAY_MS);
    const reopened = await handlers()['case:comment']({
      domain: NORTHWIND_DOMAIN,
      name: created.name,
      body: 'The problem is back since this morning.',
    });
    expect(reopened.state).toBe('IN_PROGRESS_GOOGLE_SUPPORT');
    expect(reopened.comments.map((comment) => comment.body)).toContain('The problem is back since this morning.');
    const row = (await handlers()['cases:query'](casesOf(NORTHWIND_DOMAIN, customer.customerId))).rows.find(
      (candidate) => candidate.name === created.name,
    );
    expect(row?.state).toBe('IN_PROGRESS_GOOGLE_SUPPORT');
  });

  it('a message on a case closed more than 30 days ago is refused with the closing date, before posting', async () => {
    const created = await fileCase();
    const closed = await handlers()['case:close']({ domain: NORTHWIND_DOMAIN, name: created.name });
    emulator.control.clock.advance(REOPEN_WINDOW_MS + DAY_MS);
    const commentsBefore = routeCount('cases.comments.create');
    await expect(
      handlers()['case:comment']({ domain: NORTHWIND_DOMAIN, name: created.name, body: 'Still broken.' }),
    ).rejects.toMatchObject({
      code: 'failed_precondition',
      detail: {
        reason: 'reopen_window_expired',
        closedAt: closed.updateTime,
        deadline: new Date(Date.parse(closed.updateTime) + REOPEN_WINDOW_MS).toISOString(),
      },
    });
    expect(routeCount('cases.comments.create')).toBe(commentsBefore);
    const after = await handlers()['case:get']({ domain: NORTHWIND_DOMAIN, name: created.name });
    expect(after.detail?.state).toBe('CLOSED');
  });

  it("words the API's own refusal the same way when the cache did not know the case was closed", async () => {
    const created = await fileCase();
    // Closed from elsewhere (the portal, a colleague): this app's cache still shows it open.
    const { access_token } = emulator.control.issueTokens(DEMO_USERS.alex);
    const response = await fetch(`${emulator.url}/v2/${created.name}:close`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(200);
    const closedAt = ((await response.json()) as { updateTime: string }).updateTime;
    emulator.control.clock.advance(REOPEN_WINDOW_MS + DAY_MS);
    const refreshed = harness.waitForEvent(
      'case:changed',
      (event) => event.detail.name === created.name && event.detail.state === 'CLOSED',
    );
    await expect(
      handlers()['case:comment']({ domain: NORTHWIND_DOMAIN, name: created.name, body: 'Any news?' }),
    ).rejects.toMatchObject({
      code: 'failed_precondition',
      detail: { reason: 'reopen_window_expired', closedAt },
    });
    // The view learns the case is closed.
    expect((await refreshed).domain).toBe(NORTHWIND_DOMAIN);
  });
});
