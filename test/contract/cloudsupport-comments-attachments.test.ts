import { randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoogleClients } from './google-clients';
import {
  clientsFor,
  customerWhere,
  NORTHWIND,
  organizationOf,
  startContractEmulator,
  USERS,
  type Emulator,
} from './contract-fixture';

/**
 * Contract: comments, attachments and media of Cloud Support v2 through googleapis.
 * The upload is googleapis' own multipart/related body (uploadType=multipart) with a
 * file stream, the download is alt=media, and the bytes must come back unchanged.
 */

let emulator: Emulator;
let alex: GoogleClients;
let caseName: string;
let work: string;

beforeAll(async () => {
  emulator = await startContractEmulator();
  alex = clientsFor(emulator, USERS.alex);
  work = mkdtempSync(join(tmpdir(), 'pd-contract-'));
  const org = await organizationOf(
    alex,
    customerWhere(emulator, NORTHWIND, { resellerAccess: true, changedReseller: false }).customerId,
  );
  const { data: classifications } = await alex.cloudsupport.caseClassifications.search({ query: 'Drive' });
  const { data: created } = await alex.cloudsupport.cases.create({
    parent: org,
    requestBody: {
      displayName: 'Contract: comments and attachments',
      description: 'Drive for desktop logs follow.',
      classification: { id: classifications.caseClassifications![0]!.id! },
      priority: 'P2',
    },
  });
  caseName = created.name!;
});

afterAll(async () => {
  await emulator.close();
  rmSync(work, { recursive: true, force: true });
});

describe('cases.comments', () => {
  it('creates comments and lists them newest first', async () => {
    const first = await alex.cloudsupport.cases.comments.create({
      parent: caseName,
      requestBody: { body: 'First message from the reseller.' },
    });
    expect(first.status).toBe(200);
    expect(first.data.name).toMatch(new RegExp(`^${caseName}/comments/[^/]+$`));
    expect(first.data.body).toBe('First message from the reseller.');
    expect(first.data.creator?.email).toBe(USERS.alex);
    expect(first.data.createTime).toBeTruthy();
    await alex.cloudsupport.cases.comments.create({
      parent: caseName,
      requestBody: { body: 'Second message, with “accents” é à.' },
    });

    const { data } = await alex.cloudsupport.cases.comments.list({ parent: caseName });
    expect(data.comments?.map((comment) => comment.body)).toEqual([
      'Second message, with “accents” é à.',
      'First message from the reseller.',
    ]);
  });

  it('pages comments with pageToken', async () => {
    for (let index = 0; index < 3; index += 1) {
      await alex.cloudsupport.cases.comments.create({
        parent: caseName,
        requestBody: { body: `Paged message ${index}` },
      });
    }
    const firstPage = await alex.cloudsupport.cases.comments.list({ parent: caseName, pageSize: 2 });
    expect(firstPage.data.comments).toHaveLength(2);
    expect(firstPage.data.nextPageToken).toBeTruthy();
    const secondPage = await alex.cloudsupport.cases.comments.list({
      parent: caseName,
      pageSize: 2,
      pageToken: firstPage.data.nextPageToken!,
    });
    expect(secondPage.data.comments).toHaveLength(2);
    expect(secondPage.data.comments![0]!.name).not.toBe(firstPage.data.comments![1]!.name);
  });
});

describe('media.upload, attachments.list, media.download', () => {
  it('uploads a file stream as multipart/related and downloads the same bytes with alt=media', async () => {
    const bytes = randomBytes(300 * 1024 + 17);
    const path = join(work, 'drive-sync.log');
    writeFileSync(path, bytes);

    // googleapis builds the media URL from the per-call rootUrl only (a client-level
    // rootUrl is not applied to uploads), so the call passes it explicitly.
    const uploaded = await alex.cloudsupport.media.upload(
      {
        parent: caseName,
        requestBody: { attachment: { filename: 'drive-sync.log' } },
        media: { mimeType: 'text/plain', body: createReadStream(path) },
      },
      { rootUrl: alex.rootUrl },
    );
    expect(uploaded.status).toBe(200);
    const sent = emulator.control.requestLog().at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', route: 'media.upload', status: 200 });
    expect(sent.path.startsWith(`/upload/v2/${caseName}/attachments`)).toBe(true);
    expect(uploaded.config.url?.toString()).toContain('uploadType=multipart');
    expect(uploaded.data.name).toMatch(new RegExp(`^${caseName}/attachments/[^/]+$`));
    expect(uploaded.data.filename).toBe('drive-sync.log');
    expect(uploaded.data.mimeType).toBe('text/plain');
    expect(uploaded.data.sizeBytes).toBe(String(bytes.length));

    const { data: listed } = await alex.cloudsupport.cases.attachments.list({ parent: caseName });
    expect(listed.attachments?.map((attachment) => attachment.name)).toContain(uploaded.data.name);
    const entry = listed.attachments!.find((attachment) => attachment.name === uploaded.data.name)!;
    expect(entry).toMatchObject({ filename: 'drive-sync.log', sizeBytes: String(bytes.length) });
    expect(entry.creator?.email).toBe(USERS.alex);

    const downloaded = await alex.cloudsupport.media.download(
      { name: uploaded.data.name!, alt: 'media' },
      { responseType: 'stream' },
    );
    expect(downloaded.status).toBe(200);
    expect(Buffer.concat(await chunksOf(downloaded.data as unknown as Readable)).equals(bytes)).toBe(true);
  });

  it('downloads as an ArrayBuffer too', async () => {
    const bytes = Buffer.from('PNG-ish \u0000\u0001\u0002 binary payload');
    const path = join(work, 'capture.png');
    writeFileSync(path, bytes);
    const uploaded = await alex.cloudsupport.media.upload(
      {
        parent: caseName,
        requestBody: { attachment: { filename: 'capture.png' } },
        media: { mimeType: 'image/png', body: createReadStream(path) },
      },
      { rootUrl: alex.rootUrl },
    );
    const downloaded = await alex.cloudsupport.media.download(
      { name: uploaded.data.name!, alt: 'media' },
      { responseType: 'arraybuffer' },
    );
    expect(Buffer.from(downloaded.data as unknown as ArrayBuffer).equals(bytes)).toBe(true);
  });
});

function chunksOf(stream: Readable): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(chunks));
    stream.on('error', reject);
  });
}
