import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeFileAccess } from '../../main/core/api/node-file-access';
import { buildClassificationQuery } from '../../main/core/api/query-builder';
import type { Case } from '../../main/google-wire/google-types';
import {
  ALEX,
  CLAIRE,
  HUGO,
  LUMIERE,
  NORTHWIND,
  SAM,
  pickCustomer,
  startTestEmulator,
  type TestEmulator,
} from './helpers/emulator-fixtures';
import { recordingFetch } from './helpers/recording-fetch';
import { signedInClients, type SignedIn } from './helpers/signed-in-clients';

describe('Cloud Support client against the emulator', () => {
  let emulator: TestEmulator;
  let alex: SignedIn;
  let parent: string;
  let premiumParent: string;
  let dir: string;
  const files = new NodeFileAccess();

  beforeAll(async () => {
    emulator = await startTestEmulator({ indexingDelayMs: 0 });
    alex = await signedInClients(emulator, ALEX);
    parent = pickCustomer(emulator, NORTHWIND, { resellerAccess: true, premiumSupport: false }).organization;
    premiumParent = pickCustomer(emulator, NORTHWIND, { resellerAccess: true, premiumSupport: true }).organization;
    dir = await mkdtemp(join(tmpdir(), 'pd-api-'));
  });
  afterAll(async () => {
    await emulator?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const newCase = (title: string) => ({
    displayName: title,
    description: `Steps to reproduce for ${title}.`,
    classificationId: 'placeholder',
    priority: 'P3' as const,
  });

  async function classificationId(): Promise<string> {
    const [first] = await alex.cloudSupport.searchClassifications('').toArray(1);
    if (!first) throw new Error('No classification in the emulator.');
    return first.id;
  }

  async function createCase(title: string, where = parent): Promise<Case> {
    return alex.cloudSupport.createCase(where, { ...newCase(title), classificationId: await classificationId() });
  }

  it('lists every case of a customer page by page', async () => {
    const small = await alex.cloudSupport.listCases(parent, { pageSize: 3 }).toArray();
    const large = await alex.cloudSupport.listCases(parent, { pageSize: 100 }).toArray();
    expect(small.length).toBeGreaterThan(3);
    expect(small.map((c) => c.name).sort()).toEqual(large.map((c) => c.name).sort());
    expect(new Set(small.map((c) => c.name)).size).toBe(small.length);
    expect(small.every((c) => c.name?.startsWith(`${parent}/cases/`))).toBe(true);
  });

  it('filters a listing by state and priority', async () => {
    const closed = await alex.cloudSupport.listCases(parent, { filter: { state: 'CLOSED' }, pageSize: 100 }).toArray();
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((c) => c.state === 'CLOSED')).toBe(true);
    const urgent = await alex.cloudSupport
      .searchCases(parent, { filter: { state: 'OPEN', priorities: ['P1', 'P2'] }, pageSize: 100 })
      .toArray();
    expect(urgent.every((c) => c.state !== 'CLOSED' && (c.priority === 'P1' || c.priority === 'P2'))).toBe(true);
  });

  it('searches by keyword and by update time', async () => {
    const created = await createCase('Keyword zebracorn mail delay');
    const byKeyword = await alex.cloudSupport.searchCases(parent, { filter: { keyword: 'zebracorn' } }).toArray();
    expect(byKeyword.map((c) => c.name)).toEqual([created.name]);
    const later = new Date(Date.parse(created.updateTime!) - 1);
    const recent = await alex.cloudSupport
      .searchCases(parent, { filter: { updatedAfter: later }, pageSize: 100 })
      .toArray();
    expect(recent.map((c) => c.name)).toContain(created.name);
  });

  it('creates a case and gets it back', async () => {
    const id = await classificationId();
    const created = await alex.cloudSupport.createCase(parent, {
      ...newCase('Calendar sync stopped'),
      classificationId: id,
      subscriberEmailAddresses: ['it@customer.example'],
      timeZone: 'Europe/Paris',
      languageCode: 'fr',
    });
    expect(created).toMatchObject({ displayName: 'Calendar sync stopped', priority: 'P3', state: 'NEW' });
    expect(created.creator?.email).toBe(ALEX);
    const fetched = await alex.cloudSupport.getCase(created.name!);
    expect(fetched).toMatchObject({
      name: created.name,
      subscriberEmailAddresses: ['it@customer.example'],
      classification: { id },
    });
  });

  it('updates only the fields it is given, with an explicit updateMask', async () => {
    const recorder = recordingFetch();
    const watched = await signedInClients(emulator, ALEX, { fetch: recorder.fetch });
    const created = await watched.cloudSupport.createCase(parent, {
      ...newCase('Drive quota'),
      classificationId: await classificationId(),
      subscriberEmailAddresses: ['keep@customer.example'],
    });
    const updated = await watched.cloudSupport.updateCase(created.name!, { priority: 'P1' });
    expect(updated).toMatchObject({
      priority: 'P1',
      displayName: 'Drive quota',
      subscriberEmailAddresses: ['keep@customer.example'],
    });
    const renamed = await watched.cloudSupport.updateCase(created.name!, {
      displayName: 'Drive quota exceeded',
      subscriberEmailAddresses: [],
    });
    expect(renamed.displayName).toBe('Drive quota exceeded');
    expect(renamed.subscriberEmailAddresses ?? []).toEqual([]);
    const masks = recorder.requests
      .filter((request) => request.method === 'PATCH')
      .map((request) => new URL(request.url).searchParams.get('updateMask'));
    expect(masks).toEqual(['priority', 'display_name,subscriber_email_addresses']);
  });

  it('refuses an empty update without calling the server', async () => {
    const [any] = await alex.cloudSupport.listCases(parent).toArray(1);
    emulator.control.clearRequestLog();
    await expect(alex.cloudSupport.updateCase(any!.name!, {})).rejects.toMatchObject({
      code: 'invalid_argument',
      detail: { field: 'updateMask' },
    });
    expect(emulator.control.requestLog()).toHaveLength(0);
  });

  it('closes a case', async () => {
    const created = await createCase('Meet recording missing');
    expect((await alex.cloudSupport.closeCase(created.name!)).state).toBe('CLOSED');
  });

  it('escalates a case of a Premium customer, and explains why it cannot for the others', async () => {
    const premium = await createCase('Admin console outage', premiumParent);
    const escalated = await alex.cloudSupport.escalateCase(premium.name!, {
      reason: 'BUSINESS_IMPACT',
      justification: 'Whole company blocked.',
    });
    expect(escalated.escalated).toBe(true);
    const standard = await createCase('Billing question');
    await expect(
      alex.cloudSupport.escalateCase(standard.name!, { reason: 'RESOLUTION_TIME', justification: 'Too slow.' }),
    ).rejects.toMatchObject({ code: 'failed_precondition', detail: { reason: 'ESCALATION_REQUIRES_PREMIUM_SUPPORT' } });
  });

  it('posts and lists comments', async () => {
    const created = await createCase('Gmail bounces');
    const comment = await alex.cloudSupport.createComment(created.name!, 'Here are the headers you asked for.');
    expect(comment.body).toBe('Here are the headers you asked for.');
    const comments = await alex.cloudSupport.listComments(created.name!).toArray();
    expect(comments.map((c) => c.name)).toContain(comment.name);
    await expect(alex.cloudSupport.createComment(created.name!, 'x'.repeat(12_801))).rejects.toMatchObject({
      code: 'invalid_argument',
    });
  });

  it('uploads an attachment from disk with progress, lists it and downloads it back identical', async () => {
    const created = await createCase('Security alert export');
    const path = join(dir, 'alerts.csv');
    const content = Buffer.from(Array.from({ length: 20_000 }, (_, i) => `row ${i},ok\n`).join(''));
    await writeFile(path, content);
    const progress: number[] = [];
    const attachment = await alex.cloudSupport.uploadAttachment(created.name!, await files.openForUpload(path), {
      onProgress: (sent, total) => {
        expect(total).toBe(content.byteLength);
        progress.push(sent);
      },
    });
    expect(attachment).toMatchObject({
      filename: 'alerts.csv',
      mimeType: 'text/csv',
      sizeBytes: String(content.byteLength),
    });
    expect(progress.at(-1)).toBe(content.byteLength);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const listed = await alex.cloudSupport.listAttachments(created.name!).toArray();
    expect(listed.map((a) => a.name)).toContain(attachment.name);

    const target = join(dir, 'downloaded.csv');
    const received: number[] = [];
    const bytes = await alex.cloudSupport.downloadAttachment(attachment.name!, await files.createForDownload(target), {
      onProgress: (got) => received.push(got),
    });
    expect(bytes).toBe(content.byteLength);
    expect(received.at(-1)).toBe(content.byteLength);
    expect(Buffer.compare(await readFile(target), content)).toBe(0);
  });

  it('refuses an attachment above the size limit as too large', async () => {
    const created = await createCase('Large HAR');
    const path = join(dir, 'big.har');
    await writeFile(path, Buffer.alloc(4096, 1));
    emulator.control.set({ maxAttachmentBytes: 1024 });
    try {
      await expect(
        alex.cloudSupport.uploadAttachment(created.name!, await files.openForUpload(path)),
      ).rejects.toMatchObject({ code: 'too_large' });
    } finally {
      emulator.control.set({ maxAttachmentBytes: 50 * 1024 * 1024 });
    }
  });

  it('fails a download of a missing attachment cleanly, leaving no file', async () => {
    const [any] = await alex.cloudSupport.listCases(parent).toArray(1);
    const target = join(dir, 'missing.bin');
    await expect(
      alex.cloudSupport.downloadAttachment(`${any!.name}/attachments/999999999`, await files.createForDownload(target)),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(readFile(target)).rejects.toThrow();
    await expect(readFile(`${target}.part`)).rejects.toThrow();
  });

  it('searches the case classifications', async () => {
    const all = await alex.cloudSupport.searchClassifications('').toArray();
    expect(all.length).toBeGreaterThan(3);
    expect(all.every((c) => c.id && c.displayName)).toBe(true);
    const gmail = await alex.cloudSupport.searchClassifications(buildClassificationQuery('gmail')).toArray();
    expect(gmail.length).toBeGreaterThan(0);
    expect(gmail.length).toBeLessThan(all.length);
    expect(gmail.every((c) => /gmail/i.test(c.displayName ?? ''))).toBe(true);
  });

  it('finds a created case back by title and description from cases.list', async () => {
    const startedAt = new Date(emulator.control.clock.now() - 1000);
    const created = await createCase('Reconcile me');
    const found = await alex.cloudSupport.findCreatedCase(parent, {
      displayName: 'Reconcile me',
      description: newCase('Reconcile me').description,
      creatorEmail: ALEX,
      createdAfter: startedAt,
    });
    expect(found?.name).toBe(created.name);
    const none = await alex.cloudSupport.findCreatedCase(parent, {
      displayName: 'Never filed',
      description: 'nothing',
      creatorEmail: ALEX,
    });
    expect(none).toBeNull();
  });

  it('says which customer has not granted reseller access', async () => {
    const locked = pickCustomer(emulator, NORTHWIND, { resellerAccess: false });
    await expect(
      alex.cloudSupport.createCase(locked.organization, {
        ...newCase('Locked'),
        classificationId: await classificationId(),
      }),
    ).rejects.toMatchObject({
      code: 'no_reseller_access',
      detail: { customerId: locked.customerId },
    });
  });

  it('names the privilege a user lacks', async () => {
    const sam = await signedInClients(emulator, SAM);
    await expect(sam.cloudSupport.listCases(parent).toArray()).rejects.toMatchObject({
      code: 'missing_privilege',
      detail: { privilege: 'Support' },
    });
    const hugo = await signedInClients(emulator, HUGO);
    const lumiereParent = pickCustomer(emulator, LUMIERE, { resellerAccess: true }).organization;
    await expect(hugo.cloudSupport.listCases(lumiereParent).toArray()).rejects.toMatchObject({
      code: 'missing_privilege',
      detail: { privilege: 'Reseller tools › Customers › Access customer support cases' },
    });
  });

  it('answers not_found for a case that does not exist', async () => {
    await expect(alex.cloudSupport.getCase(`${parent}/cases/424242424242`)).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('refuses domain A’s token on domain B’s customer', async () => {
    const claire = await signedInClients(emulator, CLAIRE);
    const [alexCase] = await alex.cloudSupport.listCases(parent).toArray(1);
    emulator.control.clearRequestLog();
    await expect(claire.cloudSupport.listCases(parent).toArray()).rejects.toMatchObject({ code: 'not_found' });
    await expect(claire.cloudSupport.getCase(alexCase!.name!)).rejects.toMatchObject({ code: 'not_found' });
    await expect(claire.reseller.getCustomer(pickCustomer(emulator, NORTHWIND).customerId)).rejects.toMatchObject({
      code: 'wrong_domain',
    });
    const refused = emulator.control
      .requestLog()
      .filter((entry) => entry.tokenDomain === LUMIERE && entry.targetDomain === NORTHWIND);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((entry) => entry.status >= 400)).toBe(true);
  });

  it('refuses malformed names before any request', async () => {
    emulator.control.clearRequestLog();
    await expect(alex.cloudSupport.getCase('organizations/1/cases/../../x')).rejects.toMatchObject({
      code: 'invalid_argument',
    });
    expect(() => alex.cloudSupport.listCases('folders/1')).toThrow(/not a valid case parent/);
    expect(emulator.control.requestLog()).toHaveLength(0);
  });
});
