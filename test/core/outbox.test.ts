import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_USERS,
  LUMIERE_DOMAIN,
  NORTHWIND_DOMAIN,
  startEmulator,
  type CustomerFacts,
  type RunningEmulator,
} from '../../main/emulator';
import type { OutboxItem, OutboxSubmission } from '../../shared/model/outbox';
import { removeDataDir, startCoreHarness, type CoreHarness } from './helpers/core-harness';
import { customerWith, emulatorClock, newCase, newCaseDraft } from './helpers/case-action-fixtures';

/** The timer never fires within a test: each test resumes the outbox by the signal it checks. */
const QUIET_RETRY = { initialMs: 3_600_000, maxMs: 3_600_000 };
const DAY_MS = 86_400_000;

describe('outbox against the emulator', () => {
  let emulator: RunningEmulator;
  let harness: CoreHarness;
  let standard: CustomerFacts;
  let refusing: CustomerFacts;

  const handlers = () => harness.core.handlers;
  const routeCount = (route: string) => emulator.control.requestCounts()[route] ?? 0;
  const tag = (item: OutboxItem) => `[${item.reference}]`;
  /** How many times the item's reference is stored on the server, descriptions and comments of the domain. */
  const onServer = (item: OutboxItem, domain = NORTHWIND_DOMAIN) =>
    emulator.control.data
      .texts(domain)
      .flatMap((text) => [text.description, ...text.comments])
      .filter((text) => text.includes(tag(item))).length;
  const submit = (submission: OutboxSubmission, domain = NORTHWIND_DOMAIN) =>
    handlers()['outbox:submit']({ domain, draftId: null, submission });
  const itemIn = async (domain: string, id: string) =>
    (await handlers()['outbox:list']({ domain })).find((item) => item.id === id);
  /** Waits until the item reaches `state` (it settles through outbox:changed events). */
  const settled = async (id: string, state: OutboxItem['state'], domain = NORTHWIND_DOMAIN) => {
    for (;;) {
      const item = await itemIn(domain, id);
      if (item?.state === state) return item;
      const seen = harness.events.length;
      await harness.waitForEvent('outbox:changed', () => harness.events.length > seen);
    }
  };
  /** A case of the standard customer, open, to write on. */
  const openCase = async () => {
    const detail = await handlers()['case:create']({ domain: NORTHWIND_DOMAIN, case: newCase(standard.customerId) });
    return detail.name;
  };

  beforeAll(async () => {
    emulator = await startEmulator({
      dataset: 'demo',
      control: true,
      agent: false,
      manualClock: true,
      indexingDelayMs: 0,
    });
    harness = await startCoreHarness({
      emulator,
      clock: emulatorClock(emulator),
      syncIntervalMs: 3_600_000,
      outboxRetry: QUIET_RETRY,
    });
    await handlers()['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    await handlers()['account:signIn']({ domain: LUMIERE_DOMAIN, loginHint: DEMO_USERS.claire });
    await handlers()['sync:now']({ domain: NORTHWIND_DOMAIN });
    await handlers()['sync:now']({ domain: LUMIERE_DOMAIN });
    standard = customerWith(emulator, NORTHWIND_DOMAIN, { resellerAccess: true, premiumSupport: false });
    refusing = customerWith(emulator, NORTHWIND_DOMAIN, { resellerAccess: false });
  });
  afterEach(() => emulator.control.faults.clear());
  afterAll(async () => {
    await harness.dispose();
    await removeDataDir(harness.dataDir);
    await emulator.close();
  });

  it('sends a new case at once, its reference at the end of the description', async () => {
    const request = newCase(standard.customerId);
    const item = await submit({ kind: 'new_case', newCase: request });
    expect(item).toMatchObject({ state: 'sent', attempts: 1, domain: NORTHWIND_DOMAIN });
    expect(item.reference).toMatch(/^PD-[0-9A-Z]{6}$/);
    const detail = await handlers()['case:get']({ domain: NORTHWIND_DOMAIN, name: item.result!.caseName });
    expect(detail.detail?.description).toBe(`${request.description}\n\n${tag(item)}`);
    expect(onServer(item)).toBe(1);
  });

  it('after a create whose answer was lost, finds the case by its reference instead of filing it again', async () => {
    // The connection drops after the case is filed, and CaseActions' own read-back fails too.
    emulator.control.faults.add({ route: 'cases.create', kind: 'drop-after-commit' });
    emulator.control.faults.add({ route: 'cases.list', kind: '500' });
    const creates = routeCount('cases.create');
    const queued = await submit({ kind: 'new_case', newCase: newCase(standard.customerId) });
    expect(queued).toMatchObject({ state: 'queued', attempts: 1 });
    expect(queued.error?.code).toBe('offline');
    expect(onServer(queued)).toBe(1);

    const retried = await handlers()['outbox:retry']({ domain: NORTHWIND_DOMAIN, id: queued.id });
    expect(retried.state).toBe('sent');
    expect(retried.error).toBeUndefined();
    expect(routeCount('cases.create') - creates).toBe(1);
    expect(onServer(retried)).toBe(1);
    const found = emulator.control.data.texts(NORTHWIND_DOMAIN).find((text) => text.description.includes(tag(queued)));
    expect(retried.result?.caseName).toBe(found?.name);
  });

  it('after a message whose answer was lost, finds it by its reference instead of sending it again', async () => {
    const name = await openCase();
    emulator.control.faults.add({ route: 'cases.comments.create', kind: 'drop-after-commit' });
    const posts = routeCount('cases.comments.create');
    const queued = await submit({ kind: 'comment', caseName: name, body: 'Any news on the delayed mail?' });
    expect(queued.state).toBe('queued');
    expect(onServer(queued)).toBe(1);

    const retried = await handlers()['outbox:retry']({ domain: NORTHWIND_DOMAIN, id: queued.id });
    expect(retried).toMatchObject({ state: 'sent', result: { caseName: name } });
    expect(routeCount('cases.comments.create') - posts).toBe(1);
    expect(onServer(retried)).toBe(1);
  });

  it('a message that failed before reaching Google is sent on retry, once', async () => {
    const name = await openCase();
    emulator.control.faults.add({ route: 'cases.comments.create', kind: '503' });
    const queued = await submit({ kind: 'comment', caseName: name, body: 'Second try, please.' });
    expect(queued.state).toBe('queued');
    expect(queued.error?.code).toBe('server');
    expect(onServer(queued)).toBe(0);
    const retried = await handlers()['outbox:retry']({ domain: NORTHWIND_DOMAIN, id: queued.id });
    expect(retried.state).toBe('sent');
    expect(onServer(retried)).toBe(1);
  });

  it("uploads a new case's files once it exists; a file whose answer was lost is found on the case, not sent again", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pd-outbox-files-'));
    try {
      const files = { 'trace.har': randomBytes(3_000), 'screen.png': randomBytes(5_000) };
      for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir, name), bytes);
      harness.dialogs.willPick(Object.keys(files).map((name) => join(dir, name)));
      const staged = await handlers()['files:pick']({});
      // A new case's files travel in its draft: the outbox uploads the draft's stored copies.
      const draftId = `outbox-files-${Date.now().toString(36)}`;
      await handlers()['draft:save']({
        domain: NORTHWIND_DOMAIN,
        id: draftId,
        content: newCaseDraft(standard.customerId),
      });
      for (const file of staged) {
        await handlers()['draft:attach']({ domain: NORTHWIND_DOMAIN, id: draftId, fileId: file.fileId });
      }
      // The first file lands but its answer is lost, and the upload's own check fails too.
      emulator.control.faults.add({ route: 'media.upload', kind: 'drop-after-commit' });
      emulator.control.faults.add({ route: 'cases.attachments.list', kind: '500' });
      const creates = routeCount('cases.create');
      const queued = await handlers()['outbox:submit']({
        domain: NORTHWIND_DOMAIN,
        draftId,
        submission: {
          kind: 'new_case',
          newCase: newCase(standard.customerId, {
            attachments: staged.map((file, index) => ({ fileId: file.fileId, transferId: `outbox-t${index}` })),
          }),
        },
      });
      expect(queued.state).toBe('queued');
      const caseName = queued.result!.caseName;
      expect(emulator.control.data.attachments(caseName).map((file) => file.filename)).toEqual(['trace.har']);
      // The case exists: it can no longer go back into a draft.
      await expect(handlers()['outbox:edit']({ domain: NORTHWIND_DOMAIN, id: queued.id })).rejects.toMatchObject({
        code: 'failed_precondition',
      });

      const retried = await handlers()['outbox:retry']({ domain: NORTHWIND_DOMAIN, id: queued.id });
      expect(retried.state).toBe('sent');
      expect(routeCount('cases.create') - creates).toBe(1);
      const stored = emulator.control.data.attachments(caseName);
      expect(stored.map((file) => [file.filename, file.sizeBytes]).sort()).toEqual(
        Object.entries(files)
          .map(([name, bytes]) => [name, bytes.byteLength])
          .sort(),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a refusal on the first attempt is returned, and nothing stays in the outbox', async () => {
    const before = await handlers()['outbox:list']({ domain: NORTHWIND_DOMAIN });
    await expect(submit({ kind: 'new_case', newCase: newCase(refusing.customerId) })).rejects.toMatchObject({
      code: 'no_reseller_access',
    });
    expect(await handlers()['outbox:list']({ domain: NORTHWIND_DOMAIN })).toEqual(before);
  });

  it('sends the items of one case in the order submitted, after the domain is back (connectivity retry)', async () => {
    const name = await openCase();
    // Every write to the case fails while "offline": the first item stays queued, the second waits behind it.
    emulator.control.faults.add({ route: 'cases.comments.create', kind: 'drop-before-commit', times: Infinity });
    const first = await submit({ kind: 'comment', caseName: name, body: 'First message.' });
    const second = await submit({ kind: 'comment', caseName: name, body: 'Second message.' });
    expect([first.state, second.state]).toEqual(['queued', 'queued']);
    expect(second.attempts).toBe(0);

    emulator.control.faults.clear();
    harness.core.connectivityFor(NORTHWIND_DOMAIN).retryNow();
    await settled(first.id, 'sent');
    await settled(second.id, 'sent');
    const comments = emulator.control.data.texts(NORTHWIND_DOMAIN).find((text) => text.name === name)!.comments;
    const order = [first, second].map((item) => comments.findIndex((body) => body.includes(tag(item))));
    expect(order[0]).toBeGreaterThanOrEqual(0);
    expect(order[1]).toBeGreaterThan(order[0]!);
    expect(onServer(first) + onServer(second)).toBe(2);
  });

  it("keeps one domain's items from another: list, retry, edit, discard and submit on its cases", async () => {
    const name = await openCase();
    emulator.control.faults.add({ route: 'cases.comments.create', kind: '503' });
    const queued = await submit({ kind: 'comment', caseName: name, body: 'Northwind only.' });
    const lumiere = await handlers()['outbox:list']({ domain: LUMIERE_DOMAIN });
    expect(lumiere.some((item) => item.id === queued.id)).toBe(false);
    for (const channel of ['outbox:retry', 'outbox:edit', 'outbox:discard'] as const) {
      await expect(handlers()[channel]({ domain: LUMIERE_DOMAIN, id: queued.id })).rejects.toMatchObject({
        code: 'not_found',
      });
    }
    await expect(
      submit({ kind: 'comment', caseName: name, body: 'From the wrong domain.' }, LUMIERE_DOMAIN),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect((await itemIn(NORTHWIND_DOMAIN, queued.id))?.state).toBe('queued');
    await handlers()['outbox:discard']({ domain: NORTHWIND_DOMAIN, id: queued.id });
    expect(await itemIn(NORTHWIND_DOMAIN, queued.id)).toBeUndefined();
  });

  it('stops an item refused on a later attempt as failed with its reason, and edit takes it back into a draft', async () => {
    const name = await openCase();
    await handlers()['case:close']({ domain: NORTHWIND_DOMAIN, name });
    emulator.control.faults.add({ route: 'cases.comments.create', kind: '500' });
    const body = 'Reopening: the delay is back.';
    const queued = await submit({ kind: 'comment', caseName: name, body });
    expect(queued.state).toBe('queued');
    // Past the 30 days a closed case can be reopened in: retrying cannot fix it any more.
    emulator.control.clock.advance(31 * DAY_MS);
    const failed = await handlers()['outbox:retry']({ domain: NORTHWIND_DOMAIN, id: queued.id });
    expect(failed).toMatchObject({ state: 'failed', submission: { kind: 'comment', body } });
    expect(failed.error).toMatchObject({ code: 'failed_precondition', detail: { reason: 'reopen_window_expired' } });
    expect(onServer(failed)).toBe(0);

    const draft = await handlers()['outbox:edit']({ domain: NORTHWIND_DOMAIN, id: failed.id });
    expect(draft).toMatchObject({ domain: NORTHWIND_DOMAIN, content: { kind: 'comment', caseName: name, body } });
    expect(await itemIn(NORTHWIND_DOMAIN, failed.id)).toBeUndefined();
  });
});

describe('outbox across a restart', () => {
  it('an item whose answer was lost before a restart is looked up, not sent again', async () => {
    const emulator = await startEmulator({ dataset: 'demo', control: true, agent: false, indexingDelayMs: 0 });
    const first = await startCoreHarness({ emulator, syncIntervalMs: 3_600_000, outboxRetry: QUIET_RETRY });
    try {
      await first.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
      await first.core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN });
      const customer = customerWith(emulator, NORTHWIND_DOMAIN, { resellerAccess: true });
      emulator.control.faults.add({ route: 'cases.create', kind: 'drop-after-commit' });
      emulator.control.faults.add({ route: 'cases.list', kind: '500' });
      const queued = await first.core.handlers['outbox:submit']({
        domain: NORTHWIND_DOMAIN,
        draftId: null,
        submission: { kind: 'new_case', newCase: newCase(customer.customerId) },
      });
      expect(queued.state).toBe('queued');
      await first.dispose();
      const creates = emulator.control.requestCounts()['cases.create'] ?? 0;

      const second = await startCoreHarness({ emulator, reuse: first, syncIntervalMs: 3_600_000 });
      try {
        await second.core.start();
        let item: OutboxItem | undefined;
        for (;;) {
          item = (await second.core.handlers['outbox:list']({ domain: NORTHWIND_DOMAIN })).find(
            (candidate) => candidate.id === queued.id,
          );
          if (item?.state === 'sent') break;
          const seen = second.events.length;
          await second.waitForEvent('outbox:changed', () => second.events.length > seen);
        }
        expect(emulator.control.requestCounts()['cases.create'] ?? 0).toBe(creates);
        const stored = emulator.control.data
          .texts(NORTHWIND_DOMAIN)
          .filter((text) => text.description.includes(`[${queued.reference}]`));
        expect(stored.map((text) => text.name)).toEqual([item.result?.caseName]);
      } finally {
        await second.dispose();
      }
    } finally {
      await removeDataDir(first.dataDir);
      await emulator.close();
    }
  });
});

describe('outbox resuming by itself', () => {
  let emulator: RunningEmulator;
  let harness: CoreHarness;
  let caseName: string;

  /** Resolves with the item once it is sent, following outbox:changed. */
  const sentItem = async (id: string) => {
    for (;;) {
      const item = (await harness.core.handlers['outbox:list']({ domain: NORTHWIND_DOMAIN })).find(
        (candidate) => candidate.id === id,
      );
      if (item?.state === 'sent') return item;
      const seen = harness.events.length;
      await harness.waitForEvent('outbox:changed', () => harness.events.length > seen);
    }
  };
  const storedTimes = (item: OutboxItem) =>
    emulator.control.data
      .texts(NORTHWIND_DOMAIN)
      .flatMap((text) => text.comments)
      .filter((body) => body.includes(`[${item.reference}]`)).length;

  beforeAll(async () => {
    emulator = await startEmulator({ dataset: 'demo', control: true, agent: false, indexingDelayMs: 0 });
    harness = await startCoreHarness({
      emulator,
      syncIntervalMs: 3_600_000,
      outboxRetry: { initialMs: 50, maxMs: 200 },
    });
    await harness.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    await harness.core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN });
    const customer = customerWith(emulator, NORTHWIND_DOMAIN, { resellerAccess: true, premiumSupport: false });
    caseName = (
      await harness.core.handlers['case:create']({ domain: NORTHWIND_DOMAIN, case: newCase(customer.customerId) })
    ).name;
  });
  afterEach(() => emulator.control.faults.clear());
  afterAll(async () => {
    await harness.dispose();
    await removeDataDir(harness.dataDir);
    await emulator.close();
  });

  it('retries on its backoff timer while the domain is online', async () => {
    emulator.control.faults.add({ route: 'cases.comments.create', kind: '503', times: 2 });
    const posts = emulator.control.requestCounts()['cases.comments.create'] ?? 0;
    const queued = await harness.core.handlers['outbox:submit']({
      domain: NORTHWIND_DOMAIN,
      draftId: null,
      submission: { kind: 'comment', caseName, body: 'Sent by the timer.' },
    });
    expect(queued.state).toBe('queued');
    const sent = await sentItem(queued.id);
    expect(sent.attempts).toBe(3);
    expect((emulator.control.requestCounts()['cases.comments.create'] ?? 0) - posts).toBe(3);
    expect(storedTimes(sent)).toBe(1);
  });

  it('waits while the session is expired, and sends once the domain is signed in again', async () => {
    emulator.control.revokeUserTokens(DEMO_USERS.alex);
    const queued = await harness.core.handlers['outbox:submit']({
      domain: NORTHWIND_DOMAIN,
      draftId: null,
      submission: { kind: 'comment', caseName, body: 'Sent after signing in again.' },
    });
    expect(queued.state).toBe('queued');
    expect(queued.error?.code).toBe('session_expired');
    // A second item the pass never reached (it stopped at the first) still says why it waits.
    const behind = await harness.core.handlers['outbox:submit']({
      domain: NORTHWIND_DOMAIN,
      draftId: null,
      submission: { kind: 'comment', caseName, body: 'Sent second, after signing in again.' },
    });
    expect(behind).toMatchObject({ state: 'queued', attempts: 0 });
    expect(behind.error?.code).toBe('session_expired');
    await harness.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    const sent = await sentItem(queued.id);
    expect(storedTimes(sent)).toBe(1);
    expect(storedTimes(await sentItem(behind.id))).toBe(1);
  });
});
