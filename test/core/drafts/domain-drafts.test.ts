import { createHash } from 'node:crypto';
import { mkdtemp, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NodeFileAccess } from '../../../main/core/api/node-file-access';
import { DomainDrafts, KEEP_DISCARDED_MS } from '../../../main/core/drafts/domain-drafts';
import { RENAME_ATTEMPTS } from '../../../main/core/drafts/draft-file-copy';
import { StagedFiles } from '../../../main/core/files/staged-files';
import type { Clock } from '../../../main/core/ports';
import { databaseFilePath, draftFilesPath } from '../../../main/core/storage/database-file';
import { DomainDatabase } from '../../../main/core/storage/domain-database';
import type { DraftContent } from '../../../shared/model/draft';
import { recordingLogger } from '../helpers/recording-logger';

const DOMAIN = 'alpha.example';
const OWN_CASE = 'organizations/100/cases/7';
const FOREIGN_CASE = 'organizations/999/cases/7';

const comment = (body: string, caseName = OWN_CASE): DraftContent => ({ kind: 'comment', caseName, body });
const newCase = (title: string, customerId: string | null = 'C-own'): DraftContent => ({
  kind: 'new_case',
  step: 'title',
  customerId,
  title,
  categoryQuery: '',
  classification: null,
  details: '',
  answers: {},
  priority: null,
  languageCode: 'en',
  timeZone: 'Europe/Paris',
  localeSource: 'system',
  subscribersText: '',
});

describe('DomainDrafts', () => {
  let dir: string;
  let now: number;
  const clock: Clock = { now: () => now, setTimeout: () => ({ cancel: () => undefined }) };
  const opened: DomainDatabase[] = [];
  let staged: StagedFiles;
  let changes: number;
  let renameFile: ((from: string, to: string) => Promise<void>) | undefined;

  const openDrafts = async (domain = DOMAIN) => {
    const log = recordingLogger();
    const { database, recovery } = await DomainDatabase.open({
      file: databaseFilePath(dir, domain),
      domain,
      now: () => now,
      log,
    });
    opened.push(database);
    const drafts = new DomainDrafts({
      domain,
      database,
      filesDir: draftFilesPath(dir, domain),
      stagedFiles: staged,
      ownsCase: (name) => name.startsWith('organizations/100/'),
      ownsCustomer: (id) => id === 'C-own',
      emitChanged: () => {
        changes += 1;
      },
      clock,
      log,
      renameFile: (from, to) =>
        renameFile ? renameFile(from, to) : import('node:fs/promises').then((fs) => fs.rename(from, to)),
    });
    return { drafts, database, recovery, log };
  };
  const stageFile = async (name: string, bytes: Buffer) => {
    const file = join(dir, name);
    await writeFile(file, bytes);
    return { file, staged: await staged.stage(file) };
  };
  const readAll = async (fileId: string) => {
    const source = await staged.open(fileId);
    return Buffer.from(await new Response(source.stream()).arrayBuffer());
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pd-drafts-'));
    now = Date.UTC(2026, 10, 29, 12);
    staged = new StagedFiles({ files: new NodeFileAccess() });
    changes = 0;
    renameFile = undefined;
  });
  afterEach(async () => {
    for (const database of opened.splice(0)) database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('commits every change as its own revision, kept across a reopen', async () => {
    const first = await openDrafts();
    const acks = ['H', 'He', 'Hel', 'Hell', 'Hello'].map((body) => first.drafts.save('draft-0001', comment(body)));
    expect(acks.map((ack) => ack.revision)).toEqual([1, 2, 3, 4, 5]);
    expect(changes).toBe(5);
    first.database.close();

    const second = await openDrafts();
    const [draft, ...others] = second.drafts.list();
    expect(others).toEqual([]);
    expect(draft).toMatchObject({ id: 'draft-0001', domain: DOMAIN, revision: 5, content: comment('Hello') });
  });

  it('refuses a case or customer of another domain, and a change of kind', async () => {
    const { drafts } = await openDrafts();
    expect(() => drafts.save('draft-0001', comment('hi', FOREIGN_CASE))).toThrow(/does not belong/);
    expect(() => drafts.save('draft-0002', newCase('t', 'C-other'))).toThrow(/not one of/);
    drafts.save('draft-0003', comment('hi'));
    expect(() => drafts.save('draft-0003', newCase('t'))).toThrow(/comment draft/);
    expect(drafts.list().map((draft) => draft.id)).toEqual(['draft-0003']);
  });

  it('discards with undo, refuses a late save of the discarded draft, and purges after the undo window', async () => {
    const { drafts } = await openDrafts();
    drafts.save('draft-0001', newCase('Printer'));
    drafts.discard('draft-0001');
    expect(drafts.list()).toEqual([]);
    expect(() => drafts.save('draft-0001', newCase('Printer on fire'))).toThrow(/discarded or submitted/);

    const restored = drafts.restore('draft-0001');
    expect(restored.content).toEqual(newCase('Printer'));
    expect(drafts.list().map((draft) => draft.id)).toEqual(['draft-0001']);

    drafts.discard('draft-0001');
    now += KEEP_DISCARDED_MS - 1_000;
    await drafts.purge();
    expect(drafts.has('draft-0001')).toBe(true);
    now += 2_000;
    await drafts.purge();
    expect(drafts.has('draft-0001')).toBe(false);
    expect(() => drafts.restore('draft-0001')).toThrow(/no draft/);
  });

  it('duplicates a draft with its files, which outlive the original', async () => {
    const { drafts } = await openDrafts();
    drafts.save('draft-0001', newCase('Printer'));
    const { staged: file } = await stageFile('log.txt', Buffer.from('printer log'));
    await drafts.attach('draft-0001', file.fileId);

    const copy = drafts.duplicate('draft-0001');
    expect(copy.id).not.toBe('draft-0001');
    expect(copy.content).toEqual(newCase('Printer'));
    expect(copy.files.map((f) => f.name)).toEqual(['log.txt']);
    drafts.save(copy.id, newCase('Printer, second site'));
    expect(drafts.list().find((d) => d.id === 'draft-0001')?.content).toEqual(newCase('Printer'));

    drafts.discard('draft-0001');
    now += KEEP_DISCARDED_MS + 1;
    await drafts.purge();
    const [kept] = drafts.filesOf(copy.id);
    expect(await readFile(kept?.path ?? '', 'utf8')).toBe('printer log');
  });

  it('copies an attached file with its sha256; the original may go and the copy still uploads', async () => {
    const { drafts } = await openDrafts();
    drafts.save('draft-0001', newCase('Printer'));
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    const { file, staged: stagedFile } = await stageFile('scan.pdf', bytes);

    const attached = await drafts.attach('draft-0001', stagedFile.fileId);
    expect(attached).toMatchObject({ fileId: stagedFile.fileId, name: 'scan.pdf', size: bytes.length });
    expect(attached.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(drafts.list()[0]?.files).toEqual([attached]);
    expect(drafts.list()[0]?.revision).toBe(2);

    await rm(file);
    const [onDisk] = drafts.filesOf('draft-0001');
    expect(onDisk?.path.startsWith(draftFilesPath(dir, DOMAIN))).toBe(true);
    expect(
      createHash('sha256')
        .update(await readFile(onDisk?.path ?? ''))
        .digest('hex'),
    ).toBe(attached.sha256);
    // The staged id now reads the draft's copy: an upload by it works without the original.
    expect((await readAll(stagedFile.fileId)).equals(bytes)).toBe(true);
    expect((await readdir(draftFilesPath(dir, DOMAIN))).filter((n) => n.startsWith('.incoming-'))).toEqual([]);

    await drafts.detach('draft-0001', stagedFile.fileId);
    expect(drafts.list()[0]?.files).toEqual([]);
    expect(await readdir(draftFilesPath(dir, DOMAIN))).toEqual([]);
    expect(() => staged.describe(stagedFile.fileId)).toThrow(/not ready/);
  });

  it('registers the stored copies again after a restart, so they still upload', async () => {
    const first = await openDrafts();
    first.drafts.save('draft-0001', newCase('Printer'));
    const { file, staged: stagedFile } = await stageFile('a.txt', Buffer.from('abc'));
    await first.drafts.attach('draft-0001', stagedFile.fileId);
    await rm(file);
    first.database.close();

    staged = new StagedFiles({ files: new NodeFileAccess() });
    await openDrafts();
    expect((await readAll(stagedFile.fileId)).toString()).toBe('abc');
  });

  it('retries a rename refused with EBUSY/EPERM/EACCES, and gives up on other errors leaving no temp file', async () => {
    const { drafts } = await openDrafts();
    drafts.save('draft-0001', newCase('Printer'));
    const fs = await import('node:fs/promises');
    const refusals = ['EBUSY', 'EPERM', 'EACCES'];
    let calls = 0;
    renameFile = async (from, to) => {
      calls += 1;
      const code = refusals.shift();
      if (code) throw Object.assign(new Error(code), { code });
      await fs.rename(from, to);
    };
    const { staged: one } = await stageFile('one.txt', Buffer.from('one'));
    await drafts.attach('draft-0001', one.fileId);
    expect(calls).toBe(4);

    calls = 0;
    renameFile = async () => {
      calls += 1;
      throw Object.assign(new Error('busy'), { code: 'EBUSY' });
    };
    const { staged: two } = await stageFile('two.txt', Buffer.from('two'));
    await expect(drafts.attach('draft-0001', two.fileId)).rejects.toThrow(/busy/);
    expect(calls).toBe(RENAME_ATTEMPTS);

    calls = 0;
    renameFile = async () => {
      calls += 1;
      throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
    };
    await expect(drafts.attach('draft-0001', two.fileId)).rejects.toThrow(/no space/);
    expect(calls).toBe(1);
    expect((await readdir(draftFilesPath(dir, DOMAIN))).filter((n) => n.startsWith('.incoming-'))).toEqual([]);
    expect(drafts.list()[0]?.files.map((f) => f.name)).toEqual(['one.txt']);
  });

  it("consumes a draft inside the outbox's transaction: both commit, or neither", async () => {
    const { drafts, database } = await openDrafts();
    drafts.save('draft-0001', comment('Any news?'));
    expect(() =>
      database.transaction(() => {
        drafts.consume('draft-0001');
        throw new Error('the outbox insert failed');
      }),
    ).toThrow(/outbox insert/);
    expect(drafts.list().map((d) => d.id)).toEqual(['draft-0001']);

    const taken = database.transaction(() => drafts.consume('draft-0001'));
    expect(taken.content).toEqual(comment('Any news?'));
    expect(drafts.list()).toEqual([]);
    expect(() => drafts.consume('draft-0001')).toThrow(/no draft/);
    expect(() => drafts.save('draft-0001', comment('late'))).toThrow(/discarded or submitted/);
    now += KEEP_DISCARDED_MS * 2;
    await drafts.purge();
    expect(drafts.has('draft-0001')).toBe(true);
    await drafts.release('draft-0001');
    expect(drafts.has('draft-0001')).toBe(false);
  });

  it("keeps each domain's drafts in its own database", async () => {
    const alpha = await openDrafts();
    const beta = await openDrafts('beta.example');
    alpha.drafts.save('draft-0001', comment('alpha'));
    expect(beta.drafts.list()).toEqual([]);
    expect(beta.drafts.has('draft-0001')).toBe(false);
    expect(() => beta.drafts.discard('draft-0001')).toThrow(/no draft/);
    expect(() => beta.drafts.duplicate('draft-0001')).toThrow(/no draft/);
    await expect(beta.drafts.attach('draft-0001', 'whatever')).rejects.toThrow(/no draft/);
  });

  it('recovers the drafts of a damaged database, and says so', async () => {
    const first = await openDrafts();
    for (let i = 0; i < 300; i += 1) first.drafts.save(`draft-${String(i).padStart(4, '0')}`, comment('é'.repeat(400)));
    first.database.sql.pragma('wal_checkpoint(TRUNCATE)');
    first.database.close();
    const file = databaseFilePath(dir, DOMAIN);
    const size = (await stat(file)).size;
    const handle = await open(file, 'r+');
    await handle.write(Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(size / 2 / 4096) * 4096);
    await handle.close();

    const second = await openDrafts();
    expect(second.recovery?.salvaged).toBeGreaterThan(0);
    const recovered = second.drafts.list();
    expect(recovered.length).toBe(second.recovery?.salvaged);
    expect(recovered.length).toBeLessThan(300);
    for (const draft of recovered) expect(draft.content).toEqual(comment('é'.repeat(400)));
    expect(second.log.entries.some((entry) => entry.level === 'warn')).toBe(true);
  });
});
