import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFilePath, draftFilesPath } from '../../../main/core/storage/database-file';
import {
  DEMO_USERS,
  LUMIERE_DOMAIN,
  NORTHWIND_DOMAIN,
  startEmulator,
  type RunningEmulator,
} from '../../../main/emulator';
import { DEFAULT_CASE_SORT, EMPTY_CASE_FILTERS } from '../../../shared/model/case-query';
import { removeDataDir, startCoreHarness, type CoreHarness } from '../helpers/core-harness';

async function openCaseOf(harness: CoreHarness, domain: string): Promise<string> {
  const result = await harness.core.handlers['cases:query']({
    domain,
    filters: EMPTY_CASE_FILTERS,
    sort: DEFAULT_CASE_SORT,
    offset: 0,
    limit: 1000,
  });
  const found = result.rows.find((row) => row.state !== 'CLOSED');
  if (!found) throw new Error(`${domain} has no open case`);
  return found.name;
}

describe('drafts through the core, against the emulator', () => {
  let emulator: RunningEmulator;
  let harness: CoreHarness;
  let dir: string;
  let northwindCase: string;
  let lumiereCase: string;

  const signInBoth = async (h: CoreHarness) => {
    await h.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    await h.core.handlers['account:signIn']({ domain: LUMIERE_DOMAIN, loginHint: DEMO_USERS.claire });
    await h.core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN });
    await h.core.handlers['sync:now']({ domain: LUMIERE_DOMAIN });
  };

  beforeAll(async () => {
    emulator = await startEmulator({ dataset: 'demo', control: true, agent: false });
    harness = await startCoreHarness({ emulator });
    dir = await mkdtemp(join(tmpdir(), 'pd-drafts-ipc-'));
    await signInBoth(harness);
    northwindCase = await openCaseOf(harness, NORTHWIND_DOMAIN);
    lumiereCase = await openCaseOf(harness, LUMIERE_DOMAIN);
  });
  afterAll(async () => {
    await harness.dispose();
    await removeDataDir(harness.dataDir);
    await rm(dir, { recursive: true, force: true });
    await emulator.close();
  });

  it("answers once committed, tells drafts:changed of that domain only, and refuses one domain's draft on another", async () => {
    const { core } = harness;
    const id = 'nw-message-0001';
    const ack = await core.handlers['draft:save']({
      domain: NORTHWIND_DOMAIN,
      id,
      content: { kind: 'comment', caseName: northwindCase, body: 'Any news?' },
    });
    expect(ack.revision).toBe(1);
    await harness.waitForEvent('drafts:changed', ({ domain }) => domain === NORTHWIND_DOMAIN);
    expect(
      harness.events.some(
        (e) => e.channel === 'drafts:changed' && (e.payload as { domain: string }).domain === LUMIERE_DOMAIN,
      ),
    ).toBe(false);

    expect(await core.handlers['drafts:list']({ domain: LUMIERE_DOMAIN })).toEqual([]);
    const body = { kind: 'comment' as const, caseName: lumiereCase, body: 'hijack' };
    await expect(core.handlers['draft:save']({ domain: LUMIERE_DOMAIN, id, content: body })).rejects.toMatchObject({
      code: 'not_found',
    });
    for (const channel of ['draft:discard', 'draft:restore', 'draft:duplicate'] as const) {
      await expect(core.handlers[channel]({ domain: LUMIERE_DOMAIN, id })).rejects.toMatchObject({ code: 'not_found' });
    }
    // Nor may a Lumière draft answer a Northwind case.
    await expect(
      core.handlers['draft:save']({
        domain: LUMIERE_DOMAIN,
        id: 'lu-message-0001',
        content: { kind: 'comment', caseName: northwindCase, body: 'x' },
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const [kept] = await core.handlers['drafts:list']({ domain: NORTHWIND_DOMAIN });
    expect(kept?.content).toEqual({ kind: 'comment', caseName: northwindCase, body: 'Any news?' });
  });

  it('attaches a copy: the original deleted afterwards, the file still uploads with the same bytes', async () => {
    const { core } = harness;
    const id = 'nw-message-0002';
    await core.handlers['draft:save']({
      domain: NORTHWIND_DOMAIN,
      id,
      content: { kind: 'comment', caseName: northwindCase, body: 'See the log' },
    });
    const bytes = Buffer.from('line 1\nline 2\n'.repeat(5000));
    const original = join(dir, 'printer.log');
    await writeFile(original, bytes);
    const staged = await core.handlers['files:dropped']({ path: original });
    const attached = await core.handlers['draft:attach']({ domain: NORTHWIND_DOMAIN, id, fileId: staged.fileId });
    expect(attached.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    await expect(
      core.handlers['draft:attach']({ domain: LUMIERE_DOMAIN, id, fileId: staged.fileId }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await rm(original);

    const uploaded = await core.handlers['attachment:upload']({
      domain: NORTHWIND_DOMAIN,
      name: northwindCase,
      fileId: staged.fileId,
      transferId: 'draft-upload-1',
    });
    // Google sees the user's file name, not the stored copy's.
    expect([uploaded.filename, uploaded.sizeBytes]).toEqual(['printer.log', bytes.length]);
    harness.dialogs.willSaveInto(await mkdtemp(join(dir, 'saved-')));
    const saved = await core.handlers['attachment:download']({
      domain: NORTHWIND_DOMAIN,
      attachment: uploaded.name,
      transferId: 'draft-download-1',
    });
    expect(
      createHash('sha256')
        .update(await readFile(saved!.savedTo))
        .digest('hex'),
    ).toBe(attached.sha256);
  });

  it('keeps the drafts over a restart and recovers them from a damaged database, with a notice', async () => {
    const id = 'nw-newcase-0001';
    await harness.core.handlers['draft:save']({
      domain: NORTHWIND_DOMAIN,
      id,
      content: {
        kind: 'new_case',
        step: 'description',
        customerId: null,
        title: 'Printer on fire',
        categoryQuery: '',
        classification: null,
        details: 'Smoke since Monday',
        answers: {},
        priority: null,
        languageCode: 'fr',
        timeZone: 'Europe/Paris',
        localeSource: 'system',
        subscribersText: '',
      },
    });
    const before = await harness.core.handlers['drafts:list']({ domain: NORTHWIND_DOMAIN });
    await harness.dispose();

    // Damage the read marks' root page: a table checked at open, beside the drafts, which stay readable.
    const file = databaseFilePath(harness.dataDir, NORTHWIND_DOMAIN);
    const probe = new Database(file, { readonly: true });
    const { rootpage } = probe.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'read_marks'`).get() as {
      rootpage: number;
    };
    const pageSize = probe.pragma('page_size', { simple: true }) as number;
    probe.close();
    const handle = await open(file, 'r+');
    await handle.write(Buffer.alloc(pageSize, 0x5a), 0, pageSize, (rootpage - 1) * pageSize);
    await handle.close();

    harness = await startCoreHarness({ emulator, reuse: harness });
    await harness.core.start();
    const after = await harness.core.handlers['drafts:list']({ domain: NORTHWIND_DOMAIN });
    expect(after.map((draft) => [draft.id, draft.content, draft.files])).toEqual(
      before.map((draft) => [draft.id, draft.content, draft.files]),
    );
    const notices = await harness.core.handlers['notices:list']({});
    expect(notices).toContainEqual(
      expect.objectContaining({
        code: 'database_recovered',
        facts: expect.objectContaining({ domain: NORTHWIND_DOMAIN }),
      }),
    );
  });

  it("deletes a domain's draft files with its sign-out", async () => {
    const folder = draftFilesPath(harness.dataDir, NORTHWIND_DOMAIN);
    expect((await readdir(folder)).length).toBeGreaterThan(0);
    await harness.core.handlers['account:signOut']({ domain: NORTHWIND_DOMAIN });
    await expect(readdir(folder)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await harness.core.handlers['drafts:list']({ domain: LUMIERE_DOMAIN })).toEqual([]);
  });
});
