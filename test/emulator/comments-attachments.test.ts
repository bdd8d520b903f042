import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Attachment, Case, Comment } from '../../main/google-wire/google-types';
import { CASE_CLASSIFICATIONS, DEMO_USERS, NORTHWIND_DOMAIN, type RunningEmulator } from '../../main/emulator';
import { ApiCaller, errorInfoOf, newCase, orgOf, startTestEmulator, type RpcErrorBody } from './helpers/emulator-kit';

/** The body googleapis sends for media.upload (multipart/related, JSON metadata first). */
function relatedUpload(
  metadata: unknown,
  bytes: Buffer,
  mimeType: string,
): { body: Uint8Array<ArrayBuffer>; contentType: string } {
  const boundary = 'b6f1c0de-5a1e-4a0b-9e0f-3c2d1b0a9f8e';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\ncontent-type: application/json\r\n\r\n${JSON.stringify(metadata)}\r\n--${boundary}\r\ncontent-type: ${mimeType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--`),
  ]);
  return { body: new Uint8Array(body), contentType: `multipart/related; boundary=${boundary}` };
}

describe('comments and attachments', () => {
  let emulator: RunningEmulator;
  let alex: ApiCaller;
  let caseName: string;

  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  beforeEach(async () => {
    emulator.control.reset();
    alex = new ApiCaller(emulator, DEMO_USERS.alex);
    const org = orgOf(emulator, NORTHWIND_DOMAIN, { resellerAccess: true, changedReseller: false });
    caseName = (await alex.post<Case>(`/v2/${org}/cases`, newCase(CASE_CLASSIFICATIONS[0]!.id))).json.name!;
  });
  afterAll(() => emulator.close());

  async function upload(path: string, bytes: Buffer, filename = 'trace.log', mimeType = 'text/plain') {
    const { body, contentType } = relatedUpload({ attachment: { filename } }, bytes, mimeType);
    const response = await fetch(`${emulator.url}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${alex.token}`, 'Content-Type': contentType },
      body,
    });
    return { status: response.status, json: (await response.json()) as Attachment & RpcErrorBody };
  }

  it('posts comments and lists them newest first, 10 per page', async () => {
    for (let i = 1; i <= 12; i++) {
      const { status, json } = await alex.post<Comment>(`/v2/${caseName}/comments`, { body: `Update ${i}` });
      expect(status).toBe(200);
      expect(json).toMatchObject({ body: `Update ${i}`, creator: { email: DEMO_USERS.alex, googleSupport: false } });
      expect(json.name).toMatch(new RegExp(`^${caseName}/comments/\\d+$`));
    }
    const first = await alex.get<{ comments: Comment[]; nextPageToken?: string }>(`/v2/${caseName}/comments`);
    expect(first.json.comments.map((c) => c.body)).toEqual(Array.from({ length: 10 }, (_, i) => `Update ${12 - i}`));
    const second = await alex.get<{ comments: Comment[]; nextPageToken?: string }>(
      `/v2/${caseName}/comments?pageToken=${first.json.nextPageToken}`,
    );
    expect(second.json.comments.map((c) => c.body)).toEqual(['Update 2', 'Update 1']);
    expect(second.json.nextPageToken).toBeUndefined();
  });

  it('uploads a googleapis-style multipart/related attachment, lists it and downloads the same bytes', async () => {
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256));
    const { status, json } = await upload(
      `/upload/v2/${caseName}/attachments?uploadType=multipart`,
      bytes,
      'capture.bin',
      'application/octet-stream',
    );
    expect(status).toBe(200);
    expect(json).toMatchObject({
      filename: 'capture.bin',
      sizeBytes: String(bytes.length),
      creator: { email: DEMO_USERS.alex },
    });
    expect(json.name).toMatch(new RegExp(`^${caseName}/attachments/\\d+$`));

    const listed = await alex.get<{ attachments: Attachment[] }>(`/v2/${caseName}/attachments`);
    expect(listed.json.attachments.map((a) => a.name)).toEqual([json.name]);

    expect((await alex.get(`/v2/${json.name}:download`)).json).toMatchObject({ length: String(bytes.length) });
    const download = await fetch(`${emulator.url}/v2/${json.name}:download?alt=media`, {
      headers: { Authorization: `Bearer ${alex.token}` },
    });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('accepts multipart/form-data and raw uploadType=media uploads', async () => {
    const form = new FormData();
    form.append(
      'metadata',
      new Blob([JSON.stringify({ attachment: { filename: 'users.csv' } })], { type: 'application/json' }),
    );
    form.append('file', new Blob(['a,b\n'], { type: 'text/csv' }), 'users.csv');
    const viaForm = await fetch(`${emulator.url}/upload/v2/${caseName}/attachments?uploadType=multipart`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${alex.token}` },
      body: form,
    });
    expect(viaForm.status).toBe(200);
    expect(await viaForm.json()).toMatchObject({ filename: 'users.csv', mimeType: 'text/csv', sizeBytes: '4' });

    const raw = await fetch(
      `${emulator.url}/upload/v2/${caseName}/attachments?uploadType=media&attachment.filename=note.txt`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${alex.token}`, 'Content-Type': 'text/plain' },
        body: 'hello',
      },
    );
    expect(raw.status).toBe(200);
    expect(await raw.json()).toMatchObject({ filename: 'note.txt', sizeBytes: '5' });
  });

  it('refuses a file above the size limit with ATTACHMENT_TOO_LARGE, and keeps serving', async () => {
    emulator.control.set({ maxAttachmentBytes: 64 * 1024 });
    const { status, json } = await upload(
      `/upload/v2/${caseName}/attachments?uploadType=multipart`,
      Buffer.alloc(300 * 1024, 7),
    );
    expect(status).toBe(400);
    expect(json.error.status).toBe('INVALID_ARGUMENT');
    expect(errorInfoOf(json)?.reason).toBe('ATTACHMENT_TOO_LARGE');
    expect(
      (await alex.get<{ attachments?: Attachment[] }>(`/v2/${caseName}/attachments`)).json.attachments,
    ).toBeUndefined();
    expect(
      (await upload(`/upload/v2/${caseName}/attachments?uploadType=multipart`, Buffer.alloc(1024, 7))).status,
    ).toBe(200);
  });

  it('refuses an upload without a file name or with a malformed body', async () => {
    const { body, contentType } = relatedUpload({}, Buffer.from('x'), 'text/plain');
    const unnamed = await fetch(`${emulator.url}/upload/v2/${caseName}/attachments?uploadType=multipart`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${alex.token}`, 'Content-Type': contentType },
      body,
    });
    expect(unnamed.status).toBe(400);
    const truncated = await fetch(`${emulator.url}/upload/v2/${caseName}/attachments?uploadType=multipart`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${alex.token}`, 'Content-Type': contentType },
      body: body.subarray(0, body.length - 8),
    });
    expect(truncated.status).toBe(400);
    expect(((await truncated.json()) as RpcErrorBody).error.message).toMatch(/closing boundary/);
  });

  it('pages attachments 10 at a time by default, up to 100', async () => {
    for (let i = 0; i < 12; i++)
      expect(
        (await upload(`/upload/v2/${caseName}/attachments?uploadType=multipart`, Buffer.from(`file ${i}`), `f${i}.txt`))
          .status,
      ).toBe(200);
    const first = await alex.get<{ attachments: Attachment[]; nextPageToken?: string }>(`/v2/${caseName}/attachments`);
    expect(first.json.attachments).toHaveLength(10);
    expect(first.json.nextPageToken).toBeTruthy();
    const big = await alex.get<{ attachments: Attachment[]; nextPageToken?: string }>(
      `/v2/${caseName}/attachments?pageSize=500`,
    );
    expect(big.json.attachments).toHaveLength(12);
  });

  it('refuses uploads to a closed case', async () => {
    await alex.post(`/v2/${caseName}:close`);
    const { status, json } = await upload(
      `/upload/v2/${caseName}/attachments?uploadType=multipart`,
      Buffer.from('late'),
    );
    expect(status).toBe(400);
    expect(json.error.status).toBe('FAILED_PRECONDITION');
  });

  it('answers 404 for a missing attachment download', async () => {
    expect((await alex.get(`/v2/${caseName}/attachments/999:download?alt=media`)).status).toBe(404);
  });
});
