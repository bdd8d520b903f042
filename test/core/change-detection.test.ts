import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiClients } from '../../main/core/api/api-client';
import type { ChangeBurst } from '../../main/core/notifications/change-burst';
import {
  CASE_CLASSIFICATIONS,
  DEMO_USERS,
  LUMIERE_DOMAIN,
  NORTHWIND_DOMAIN,
  startEmulator,
  type RunningEmulator,
} from '../../main/emulator';
import type { GoogleSupportAction } from '../../main/emulator/support-agent';
import type { CaseRow } from '../../shared/model/case-query';
import { EMPTY_CASE_FILTERS, type CaseFilters } from '../../shared/model/case-query';
import { customerWith, emulatorClock, newCase } from './helpers/case-action-fixtures';
import { removeDataDir, startCoreHarness, type CoreHarness } from './helpers/core-harness';

const MINUTE = 60_000;

/** Polls a settled state (a burst arrives within the pass that sign-in starts). */
async function until<T>(read: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('change detection against the emulator', () => {
  let emulator: RunningEmulator;
  let harness: CoreHarness;
  let bursts: ChangeBurst[];

  const rows = async (domain = NORTHWIND_DOMAIN, customerId?: string, filters: CaseFilters = EMPTY_CASE_FILTERS) =>
    (
      await harness.core.handlers['cases:query']({
        domain,
        customerId,
        filters,
        sort: { key: 'updateTime', direction: 'desc' },
        offset: 0,
        limit: 1000,
      })
    ).rows;
  const unread = async (domain = NORTHWIND_DOMAIN) =>
    (await rows(domain)).filter((row) => row.unread).map((row) => row.name);
  const syncNow = async (domain = NORTHWIND_DOMAIN) => {
    const before = bursts.length;
    await harness.core.handlers['sync:now']({ domain });
    return bursts.slice(before);
  };
  const attention = async (domain = NORTHWIND_DOMAIN) =>
    (await harness.core.handlers['accounts:list']({})).find((account) => account.domain === domain)!.attentionCount;
  const recount = async (domain = NORTHWIND_DOMAIN) =>
    (await rows(domain)).filter((row) => row.state === 'ACTION_REQUIRED' || row.unread).length;
  /** Google support acts on a case a minute later on the emulator's clock. */
  const google = (name: string, action: GoogleSupportAction) => {
    emulator.control.clock.advance(MINUTE);
    emulator.control.actAsGoogle(name, action);
  };
  /** An open case of a customer with access that nothing has touched yet. */
  const quietCase = async (taken: Set<string>, domain = NORTHWIND_DOMAIN): Promise<CaseRow> => {
    const found = (await rows(domain)).find(
      (row) =>
        !taken.has(row.name) && !row.escalated && (row.state === 'IN_PROGRESS_GOOGLE_SUPPORT' || row.state === 'NEW'),
    );
    if (!found) throw new Error('No quiet case left');
    taken.add(found.name);
    return found;
  };

  beforeAll(async () => {
    emulator = await startEmulator({
      dataset: 'demo',
      control: true,
      agent: false,
      indexingDelayMs: 0,
      manualClock: true,
    });
  });
  beforeEach(async () => {
    emulator.control.reset();
    harness = await startCoreHarness({ emulator, syncIntervalMs: 3_600_000, clock: emulatorClock(emulator) });
    bursts = [];
    harness.core.onChanges((burst) => bursts.push(burst));
    await harness.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    await until(() => bursts.find((burst) => burst.domain === NORTHWIND_DOMAIN), 'the first sync');
  });
  afterEach(async () => {
    await harness.dispose();
    await removeDataDir(harness.dataDir);
  });
  afterAll(() => emulator.close());

  it('summarises a first sync in one burst without per-case changes, then stays silent while nothing changes', async () => {
    expect(bursts).toEqual([
      { domain: NORTHWIND_DOMAIN, reason: 'first_sync', changes: [], attentionCount: await recount() },
    ]);
    expect(await unread()).toEqual([]);
    expect(await syncNow()).toEqual([]);
  });

  it('detects every kind of change by Google exactly once, with the case named', async () => {
    const taken = new Set<string>();
    const cases = await Promise.all([1, 2, 3, 4, 5, 6].map(() => quietCase(taken)));
    const [commented, waiting, reprioritized, escalated, attached, closed] = cases.map((row) => row!.name) as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const priorityOf = cases[2]!.priority === 'P1' ? 'P2' : 'P1';
    google(commented, { comment: 'Here is what we found.' });
    google(waiting, { state: 'ACTION_REQUIRED' });
    google(reprioritized, { priority: priorityOf });
    google(escalated, { escalate: true });
    google(attached, { attachment: { filename: 'trace.txt', text: 'trace' } });
    google(closed, { state: 'CLOSED' });
    const found = await syncNow();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ domain: NORTHWIND_DOMAIN, reason: 'live' });
    const kinds = found[0]!.changes.map((change) => [change.name, change.kind]).sort();
    expect(kinds).toEqual(
      [
        [commented, 'comment'],
        [waiting, 'state'],
        [reprioritized, 'priority'],
        [escalated, 'escalation'],
        [attached, 'attachment'],
        [closed, 'state'],
      ].sort(),
    );
    const change = found[0]!.changes.find((entry) => entry.name === reprioritized)!;
    expect(change).toMatchObject({
      title: cases[2]!.title,
      customerName: cases[2]!.customerName,
      priority: priorityOf,
    });
    expect(found[0]!.attentionCount).toBe(await recount());
    expect((await unread()).sort()).toEqual([...cases.map((row) => row.name)].sort());
    expect(await attention()).toBe(await recount());

    // Already seen: nothing again, though the search re-lists them (its safety margin).
    emulator.control.clock.advance(MINUTE);
    expect(await syncNow()).toEqual([]);

    // The new comment was stored with the case: it opens from the cache, offline too, and is read then.
    const opened = await harness.core.handlers['case:get']({ domain: NORTHWIND_DOMAIN, name: commented });
    expect(opened.source).toBe('cache');
    expect(opened.detail?.comments.some((comment) => comment.body === 'Here is what we found.')).toBe(true);
    expect(await unread()).not.toContain(commented);
    expect(await attention()).toBe(await recount());
  });

  it('reports a case filed elsewhere as new, never one filed from this app', async () => {
    const customer = customerWith(emulator, NORTHWIND_DOMAIN, { resellerAccess: true });
    // The same user on Google's portal: not this app.
    const token = emulator.control.issueTokens(DEMO_USERS.alex).access_token;
    const api = createApiClients({
      fetch,
      endpoints: emulator.endpoints,
      tokenProvider: { getAccessToken: async () => token, invalidate: () => undefined },
    });
    emulator.control.clock.advance(MINUTE);
    const elsewhere = await api.cloudSupport.createCase(customer.organization, {
      displayName: 'Filed on the portal',
      description: 'By a colleague.',
      classificationId: CASE_CLASSIFICATIONS[0]!.id,
      priority: 'P3',
      timeZone: 'UTC',
      languageCode: 'en',
    });
    const here = await harness.core.handlers['case:create']({
      domain: NORTHWIND_DOMAIN,
      case: newCase(customer.customerId),
    });
    const found = (await syncNow()).flatMap((burst) => burst.changes);
    expect(found.map((change) => [change.kind, change.name])).toEqual([['new_case', elsewhere.name]]);
    expect(found[0]).toMatchObject({ customerId: customer.customerId, title: 'Filed on the portal', mine: true });
    expect(await unread()).toEqual([elsewhere.name]);
    expect((await rows()).find((row) => row.name === here.name)).toMatchObject({ pending: false, unread: false });
  });

  it("never reports the user's own priority change, close, escalation, message or share", async () => {
    const taken = new Set<string>();
    const premium = customerWith(emulator, NORTHWIND_DOMAIN, { resellerAccess: true, premiumSupport: true });
    const all = await rows();
    const escalable = all.find(
      (row) => row.customerId === premium.customerId && !row.escalated && row.state !== 'CLOSED',
    )!;
    taken.add(escalable.name);
    const [a, b, c, d] = [
      await quietCase(taken),
      await quietCase(taken),
      await quietCase(taken),
      await quietCase(taken),
    ];
    const { handlers } = harness.core;
    await handlers['case:setPriority']({
      domain: NORTHWIND_DOMAIN,
      name: a.name,
      priority: a.priority === 'P1' ? 'P2' : 'P1',
    });
    await handlers['case:close']({ domain: NORTHWIND_DOMAIN, name: b.name });
    await handlers['case:comment']({ domain: NORTHWIND_DOMAIN, name: c.name, body: 'We tried that.' });
    await handlers['case:setSubscribers']({ domain: NORTHWIND_DOMAIN, name: d.name, emails: [DEMO_USERS.sam] });
    await handlers['case:escalate']({
      domain: NORTHWIND_DOMAIN,
      name: escalable.name,
      reason: 'BUSINESS_IMPACT',
      justification: 'Payroll is blocked.',
    });
    emulator.control.clock.advance(MINUTE);
    expect(await syncNow()).toEqual([]);
    expect(await unread()).toEqual([]);
  });

  it("stays silent on the user's change a sync lists before the action's answer is recorded", async () => {
    const row = await quietCase(new Set());
    const priority = row.priority === 'P1' ? 'P2' : 'P1';
    // The read-back after the change is slow: the sync lists the changed case meanwhile.
    emulator.control.faults.add({ route: 'cases.get', kind: 'latency', latencyMs: 1_500 });
    const acting = harness.core.handlers['case:setPriority']({ domain: NORTHWIND_DOMAIN, name: row.name, priority });
    await until(
      () => (emulator.control.requestLog().some((entry) => entry.route === 'cases.patch') ? true : undefined),
      'the priority change to reach the server',
    );
    const found = await syncNow();
    await acting;
    expect(found).toEqual([]);
    expect((await rows()).find((entry) => entry.name === row.name)).toMatchObject({ priority, unread: false });
    emulator.control.clock.advance(MINUTE);
    expect(await syncNow()).toEqual([]);
  });

  it('marks all read per view: the customer and the filters decide which unread cases', async () => {
    const all = (await rows()).filter((row) => row.state === 'IN_PROGRESS_GOOGLE_SUPPORT' || row.state === 'NEW');
    const customers = [...new Set(all.map((row) => row.customerId))];
    const mine = all.filter((row) => row.customerId === customers[0]).slice(0, 2);
    const other = all.find((row) => row.customerId !== customers[0])!;
    expect(mine).toHaveLength(2);
    google(mine[0]!.name, { state: 'SOLUTION_PROVIDED' });
    google(mine[1]!.name, { priority: mine[1]!.priority === 'P0' ? 'P1' : 'P0' });
    google(other.name, { state: 'SOLUTION_PROVIDED' });
    await syncNow();
    expect((await unread()).sort()).toEqual([mine[0]!.name, mine[1]!.name, other.name].sort());

    const solved: CaseFilters = { ...EMPTY_CASE_FILTERS, states: ['SOLUTION_PROVIDED'] };
    const first = await harness.core.handlers['cases:markAllRead']({
      domain: NORTHWIND_DOMAIN,
      customerId: customers[0],
      filters: solved,
    });
    expect(first).toEqual({ marked: 1 });
    expect((await unread()).sort()).toEqual([mine[1]!.name, other.name].sort());
    expect(await attention()).toBe(await recount());

    const events = harness.events.length;
    expect(
      await harness.core.handlers['cases:markAllRead']({ domain: NORTHWIND_DOMAIN, filters: EMPTY_CASE_FILTERS }),
    ).toEqual({ marked: 2 });
    expect(harness.events.slice(events).some((event) => event.channel === 'cases:changed')).toBe(true);
    expect(await unread()).toEqual([]);
    expect(await attention()).toBe(await recount());
    expect(
      await harness.core.handlers['cases:markAllRead']({ domain: NORTHWIND_DOMAIN, filters: EMPTY_CASE_FILTERS }),
    ).toEqual({ marked: 0 });
  });

  it("keeps unread marks across a restart, and one domain never sees another's changes or marks", async () => {
    await harness.core.handlers['account:signIn']({ domain: LUMIERE_DOMAIN, loginHint: DEMO_USERS.claire });
    await until(() => bursts.find((burst) => burst.domain === LUMIERE_DOMAIN), 'the first sync of the second domain');
    const north = await quietCase(new Set());
    const lumiere = await quietCase(new Set(), LUMIERE_DOMAIN);
    google(north.name, { comment: 'Update for Northwind.' });
    google(lumiere.name, { state: 'ACTION_REQUIRED' });
    const northBursts = await syncNow(NORTHWIND_DOMAIN);
    expect(northBursts.map((burst) => [burst.domain, burst.changes.map((change) => change.name)])).toEqual([
      [NORTHWIND_DOMAIN, [north.name]],
    ]);
    expect(await unread(LUMIERE_DOMAIN)).toEqual([]);
    const lumiereBursts = await syncNow(LUMIERE_DOMAIN);
    expect(lumiereBursts.map((burst) => [burst.domain, burst.changes.map((change) => change.name)])).toEqual([
      [LUMIERE_DOMAIN, [lumiere.name]],
    ]);
    expect(await unread(NORTHWIND_DOMAIN)).toEqual([north.name]);
    expect(await unread(LUMIERE_DOMAIN)).toEqual([lumiere.name]);
    // Another domain's case name is refused, and marks nothing there.
    await expect(harness.core.handlers['case:get']({ domain: LUMIERE_DOMAIN, name: north.name })).rejects.toThrow();
    expect(
      await harness.core.handlers['cases:markAllRead']({ domain: LUMIERE_DOMAIN, filters: EMPTY_CASE_FILTERS }),
    ).toEqual({ marked: 1 });
    expect(await unread(NORTHWIND_DOMAIN)).toEqual([north.name]);

    const { secrets, store, dataDir } = harness;
    await harness.dispose();
    harness = await startCoreHarness({
      emulator,
      syncIntervalMs: 3_600_000,
      reuse: { secrets, store, dataDir },
      clock: emulatorClock(emulator),
    });
    await harness.core.start();
    expect(await unread(NORTHWIND_DOMAIN)).toEqual([north.name]);
    expect(await unread(LUMIERE_DOMAIN)).toEqual([]);
    expect(await attention(NORTHWIND_DOMAIN)).toBe(await recount(NORTHWIND_DOMAIN));
  });
});
