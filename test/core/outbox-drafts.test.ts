import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { databaseFilePath, draftFilesPath } from '../../main/core/storage/database-file';
import {
  DEMO_USERS,
  LUMIERE_DOMAIN,
  NORTHWIND_DOMAIN,
  startEmulator,
  type CustomerFacts,
  type RunningEmulator,
} from '../../main/emulator';
import type { OutboxItem } from '../../shared/model/outbox';
import { removeDataDir, startCoreHarness, type CoreHarness } from './helpers/core-harness';
import { customerWith, newCase, newCaseDraft } from './helpers/case-action-fixtures';

/** The timer never fires within a test: each test resumes the outbox by the signal it checks. */
const QUIET_RETRY = { initialMs: 3_600_000, maxMs: 3_600_000 };

/** The draft's row as the database holds it (undefined once released). */
function draftRow(dataDir: string, domain: string, id: string): { consumed: boolean } | undefined {
  const db = new Database(databaseFilePath(dataDir, domain), { readonly: true });
  try {
    const row = db.prepare('SELECT consumed_at FROM drafts WHERE id = ?').get(id) as
      { consumed_at: string | null } | undefined;
    return row && { consumed: row.consumed_at !== null };
  } finally {
    db.close();
  }
}

/** Follows outbox:changed until the item is in `state`. */
async function settled(harness: CoreHarness, id: string, state: OutboxItem['state']): Promise<OutboxItem> {
  for (;;) {
    const item = (await harness.core.handlers['outbox:list']({ domain: NORTHWIND_DOMAIN })).find((i) => i.id === id);
    if (item?.state === state) return item;
    const seen = harness.events.length;
    await harness.waitForEvent('outbox:changed', () => harness.events.length > seen);
  }
}

describe('outbox and drafts against the emulator', () => {
  let emulator: RunningEmulator;
  let harness: CoreHarness;
  let dir: string;
  let standard: CustomerFacts;
  let refusing: CustomerFacts;
  let caseName: string;
  let serial = 0;

  const handlers = () => harness.core.handlers;
  const liveIds = async (domain = NORTHWIND_DOMAIN) =>
    (await handlers()['drafts:list']({ domain })).map((draft) => draft.id);
  /** A New case draft of the customer holding one file (its original deleted: only the copy is left). */
  const draftWithFile = async (customerId: string) => {
    serial += 1;
    const id = `nc-${serial}-${Date.now().toString(36)}`;
    await handlers()['draft:save']({ domain: NORTHWIND_DOMAIN, id, content: newCaseDraft(customerId) });
    const bytes = randomBytes(4_000 + serial);
    const original = join(dir, `capture-${serial}.har`);
    await writeFile(original, bytes);
    const staged = await handlers()['files:dropped']({ path: original });
    const file = await handlers()['draft:attach']({ domain: NORTHWIND_DOMAIN, id, fileId: staged.fileId });
    await rm(original);
    return { id, file, bytes };
  };
  const submitNewCase = (draftId: string, customerId: string, fileIds: string[], domain = NORTHWIND_DOMAIN) =>
    handlers()['outbox:submit']({
      domain,
      draftId,
      submission: {
        kind: 'new_case',
        newCase: newCase(customerId, {
          attachments: fileIds.map((fileId, index) => ({ fileId, transferId: `od-${serial}-${index}` })),
        }),
      },
    });

  beforeAll(async () => {
    emulator = await startEmulator({ dataset: 'demo', control: true, agent: false, indexingDelayMs: 0 });
    harness = await startCoreHarness({ emulator, syncIntervalMs: 3_600_000, outboxRetry: QUIET_RETRY });
    dir = await mkdtemp(join(tmpdir(), 'pd-outbox-drafts-'));
    await handlers()['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    await handlers()['account:signIn']({ domain: LUMIERE_DOMAIN, loginHint: DEMO_USERS.claire });
    await handlers()['sync:now']({ domain: NORTHWIND_DOMAIN });
    await handlers()['sync:now']({ domain: LUMIERE_DOMAIN });
    standard = customerWith(emulator, NORTHWIND_DOMAIN, { resellerAccess: true, premiumSupport: false });
    refusing = customerWith(emulator, NORTHWIND_DOMAIN, { resellerAccess: false });
    caseName = (await handlers()['case:create']({ domain: NORTHWIND_DOMAIN, case: newCase(standard.customerId) })).name;
  });
  afterEach(() => emulator.control.faults.clear());
  afterAll(async () => {
    await harness.dispose();
    await removeDataDir(harness.dataDir);
    await rm(dir, { recursive: true, force: true });
    await emulator.close();
  });

  it('a message consumes its draft with the submission, and the draft goes once it is sent', async () => {
    const id = `msg-${Date.now().toString(36)}`;
    const body = 'Any news on the delayed mail?';
    await handlers()['draft:save']({ domain: NORTHWIND_DOMAIN, id, content: { kind: 'comment', caseName, body } });
    emulator.control.faults.add({ route: 'cases.comments.create', kind: '503' });
    const queued = await handlers()['outbox:submit']({
      domain: NORTHWIND_DOMAIN,
      draftId: id,
      submission: { kind: 'comment', caseName, body },
    });
    expect(queued).toMatchObject({ state: 'queued', draftId: id });
    expect(await liveIds()).not.toContain(id);
    expect(draftRow(harness.dataDir, NORTHWIND_DOMAIN, id)).toEqual({ consumed: true });
    // A late save of the consumed draft cannot bring it back.
    await expect(
      handlers()['draft:save']({ domain: NORTHWIND_DOMAIN, id, content: { kind: 'comment', caseName, body: 'x' } }),
    ).rejects.toMatchObject({ code: 'not_found' });

    const sent = await handlers()['outbox:retry']({ domain: NORTHWIND_DOMAIN, id: queued.id });
    expect(sent.state).toBe('sent');
    await expect.poll(() => draftRow(harness.dataDir, NORTHWIND_DOMAIN, id)).toBeUndefined();
  });

  it('a refusal on the first attempt leaves the draft live, with its file', async () => {
    const { id, file } = await draftWithFile(refusing.customerId);
    await expect(submitNewCase(id, refusing.customerId, [file.fileId])).rejects.toMatchObject({
      code: 'no_reseller_access',
    });
    const [kept] = (await handlers()['drafts:list']({ domain: NORTHWIND_DOMAIN })).filter((d) => d.id === id);
    expect(kept?.files).toEqual([file]);
    expect(draftRow(harness.dataDir, NORTHWIND_DOMAIN, id)).toEqual({ consumed: false });
  });

  it('a file not in the draft is refused, and nothing is consumed', async () => {
    const { id } = await draftWithFile(standard.customerId);
    await expect(submitNewCase(id, standard.customerId, ['not-a-file-of-it'])).rejects.toMatchObject({
      code: 'not_found',
      detail: { reason: 'file_not_staged' },
    });
    expect(await liveIds()).toContain(id);
  });

  it('edit gives the draft back as it was, with its files; sending it afterwards uploads the copy', async () => {
    const { id, file, bytes } = await draftWithFile(standard.customerId);
    emulator.control.faults.add({ route: 'cases.create', kind: '503' });
    const queued = await submitNewCase(id, standard.customerId, [file.fileId]);
    expect(queued.state).toBe('queued');
    expect(await liveIds()).not.toContain(id);

    const draft = await handlers()['outbox:edit']({ domain: NORTHWIND_DOMAIN, id: queued.id });
    expect(draft).toMatchObject({ id, content: newCaseDraft(standard.customerId), files: [file] });
    expect(await liveIds()).toContain(id);
    expect((await handlers()['outbox:list']({ domain: NORTHWIND_DOMAIN })).some((i) => i.id === queued.id)).toBe(false);

    const sent = await submitNewCase(id, standard.customerId, [file.fileId]);
    expect(sent.state).toBe('sent');
    const stored = emulator.control.data.attachments(sent.result!.caseName);
    expect(stored.map((a) => [a.filename, a.sizeBytes])).toEqual([[file.name, bytes.byteLength]]);
    await expect.poll(() => draftRow(harness.dataDir, NORTHWIND_DOMAIN, id)).toBeUndefined();
    // The copy goes with the draft: no other draft holds it.
    await expect
      .poll(async () => readdir(draftFilesPath(harness.dataDir, NORTHWIND_DOMAIN)))
      .not.toContain(file.sha256);
  });

  it('discard releases the draft and its copy', async () => {
    const { id, file } = await draftWithFile(standard.customerId);
    emulator.control.faults.add({ route: 'cases.create', kind: '503' });
    const queued = await submitNewCase(id, standard.customerId, [file.fileId]);
    await handlers()['outbox:discard']({ domain: NORTHWIND_DOMAIN, id: queued.id });
    await expect.poll(() => draftRow(harness.dataDir, NORTHWIND_DOMAIN, id)).toBeUndefined();
    await expect
      .poll(async () => readdir(draftFilesPath(harness.dataDir, NORTHWIND_DOMAIN)))
      .not.toContain(file.sha256);
  });

  it("one domain cannot submit, consume or edit another's draft", async () => {
    const { id, file } = await draftWithFile(standard.customerId);
    const lumiereCustomer = customerWith(emulator, LUMIERE_DOMAIN, { resellerAccess: true });
    await expect(submitNewCase(id, lumiereCustomer.customerId, [file.fileId], LUMIERE_DOMAIN)).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await liveIds()).toContain(id);
    expect(await liveIds(LUMIERE_DOMAIN)).not.toContain(id);
    expect((await handlers()['outbox:list']({ domain: LUMIERE_DOMAIN })).some((i) => i.draftId === id)).toBe(false);
  });
});

describe('a queued new case across a restart', () => {
  it("uploads the draft's copy once the domain is back, and releases it then", async () => {
    const emulator = await startEmulator({ dataset: 'demo', control: true, agent: false, indexingDelayMs: 0 });
    const dir = await mkdtemp(join(tmpdir(), 'pd-outbox-restart-'));
    const first = await startCoreHarness({ emulator, syncIntervalMs: 3_600_000, outboxRetry: QUIET_RETRY });
    try {
      await first.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
      await first.core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN });
      const customer = customerWith(emulator, NORTHWIND_DOMAIN, { resellerAccess: true });
      const id = 'restart-newcase-1';
      await first.core.handlers['draft:save']({
        domain: NORTHWIND_DOMAIN,
        id,
        content: newCaseDraft(customer.customerId),
      });
      const bytes = randomBytes(6_000);
      const original = join(dir, 'mail-headers.txt');
      await writeFile(original, bytes);
      const staged = await first.core.handlers['files:dropped']({ path: original });
      await first.core.handlers['draft:attach']({ domain: NORTHWIND_DOMAIN, id, fileId: staged.fileId });
      await rm(original);
      // The domain does not answer: the case waits in the outbox over the restart.
      emulator.control.faults.add({ route: 'cases.create', kind: 'drop-before-commit', times: Infinity });
      const queued = await first.core.handlers['outbox:submit']({
        domain: NORTHWIND_DOMAIN,
        draftId: id,
        submission: {
          kind: 'new_case',
          newCase: newCase(customer.customerId, { attachments: [{ fileId: staged.fileId, transferId: 'restart-t1' }] }),
        },
      });
      expect(queued.state).toBe('queued');
      await first.dispose();
      emulator.control.faults.clear();

      const second = await startCoreHarness({ emulator, reuse: first, syncIntervalMs: 3_600_000 });
      try {
        await second.core.start();
        const sent = await settled(second, queued.id, 'sent');
        const stored = emulator.control.data.attachments(sent.result!.caseName);
        expect(stored.map((a) => [a.filename, a.sizeBytes])).toEqual([['mail-headers.txt', bytes.byteLength]]);
        expect(draftRow(second.dataDir, NORTHWIND_DOMAIN, id)).toBeUndefined();
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        await expect.poll(async () => readdir(draftFilesPath(second.dataDir, NORTHWIND_DOMAIN))).not.toContain(sha256);
      } finally {
        await second.dispose();
      }
    } finally {
      await removeDataDir(first.dataDir);
      await rm(dir, { recursive: true, force: true });
      await emulator.close();
    }
  });
});
