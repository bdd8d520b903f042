import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEMO_USERS, NORTHWIND_DOMAIN } from '../../main/emulator';
import type { InvokeResult } from '../../shared/ipc/contract';
import type { StagedFile } from '../../shared/model/case-actions';
import { DEFAULT_CASE_SORT, EMPTY_CASE_FILTERS } from '../../shared/model/case-query';
import { browserSignIn } from '../core/helpers/browser-sign-in';
import { ScriptedFileDialogs } from '../core/helpers/scripted-file-dialogs';
import { launchChromium } from '../e2e/launch-chromium';
import { DROP_CHUNK_BYTES, PREVIEW_SOCKET_PATH, type DropFrame, type ServerFrame } from './preview-protocol';
import { startPreview, type Preview } from './preview-server';

const MAX_BYTES = 2 * 1024 * 1024;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let preview: Preview;
let dialogs: ScriptedFileDialogs;
let dir: string;
let client: Client;
let caseName: string;

interface Client {
  ws: WebSocket;
  invoke(channel: unknown, request: unknown): Promise<InvokeResult<unknown>>;
  /** Streams `bytes` as a dropped file, as the browser bridge does; `declared` may lie about the size. */
  drop(filename: string, bytes: Uint8Array, declared?: number): Promise<InvokeResult<unknown>>;
}

/** A page's side of the socket; it plays the system browser when the core opens the sign-in page. */
async function connect(): Promise<Client> {
  const url = `${preview.origin.replace(/^http:/, 'ws:')}${PREVIEW_SOCKET_PATH}?token=${preview.token}`;
  const ws = new WebSocket(url, { headers: { Origin: preview.origin } });
  const waiting = new Map<number, (result: InvokeResult<unknown>) => void>();
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as ServerFrame;
    if (frame.type === 'result') waiting.get(frame.id)?.(frame.result);
    if (frame.type === 'open-external') void browserSignIn(frame.url, DEMO_USERS.alex);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const answer = (id: number) => new Promise<InvokeResult<unknown>>((resolve) => waiting.set(id, resolve));
  return {
    ws,
    invoke(channel, request) {
      const id = nextId++;
      ws.send(JSON.stringify({ type: 'invoke', id, channel, request }));
      return answer(id);
    },
    drop(filename, bytes, declared = bytes.byteLength) {
      const id = nextId++;
      const result = answer(id);
      ws.send(JSON.stringify({ type: 'drop-begin', id, filename, size: declared } satisfies DropFrame));
      for (let offset = 0; offset < bytes.byteLength; offset += DROP_CHUNK_BYTES) {
        const header = Buffer.alloc(4);
        header.writeUInt32BE(id);
        ws.send(Buffer.concat([header, bytes.subarray(offset, offset + DROP_CHUNK_BYTES)]));
      }
      ws.send(JSON.stringify({ type: 'drop-end', id } satisfies DropFrame));
      return result;
    },
  };
}

function value<T>(result: InvokeResult<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

beforeAll(async () => {
  dialogs = new ScriptedFileDialogs();
  dir = await mkdtemp(join(tmpdir(), 'pd-preview-files-'));
  preview = await startPreview({
    emulatorOptions: { agent: false },
    fileDialogs: dialogs,
    maxAttachmentBytes: MAX_BYTES,
    log: () => undefined,
  });
  client = await connect();
  value(await client.invoke('account:signIn', { domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex }));
  value(await client.invoke('sync:now', { domain: NORTHWIND_DOMAIN }));
  const cases = value<{ rows: { name: string; state: string }[] }>(
    await client.invoke('cases:query', {
      domain: NORTHWIND_DOMAIN,
      filters: EMPTY_CASE_FILTERS,
      sort: DEFAULT_CASE_SORT,
      offset: 0,
      limit: 1000,
    }),
  );
  caseName = cases.rows.find((row) => row.state !== 'CLOSED')!.name;
}, 60_000);
afterAll(async () => {
  client?.ws.close();
  await preview?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('preview files', () => {
  it('refuses files:dropped through the generic invoke: a page cannot name a path', async () => {
    await writeFile(join(dir, 'secret.txt'), 'secret');
    const result = await client.invoke('files:dropped', { path: join(dir, 'secret.txt') });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('stages the paths the scripted open dialog returns; a cancelled dialog stages nothing', async () => {
    const path = join(dir, 'picked.log');
    await writeFile(path, 'line 1\nline 2\n');
    dialogs.willPick([path]);
    expect(value<StagedFile[]>(await client.invoke('files:pick', {}))).toMatchObject([
      { filename: 'picked.log', sizeBytes: 14, mimeType: 'text/plain' },
    ]);
    expect(value<StagedFile[]>(await client.invoke('files:pick', {}))).toEqual([]);
  });

  it('stages a streamed drop, uploads it, and the scripted save dialog gets the same bytes back', async () => {
    const bytes = randomBytes(DROP_CHUNK_BYTES * 3 + 123);
    const staged = value<StagedFile>(await client.drop('dropped capture.har', bytes));
    expect(staged).toMatchObject({ filename: 'dropped capture.har', sizeBytes: bytes.byteLength });
    const attachment = value<{ name: string; sizeBytes: number }>(
      await client.invoke('attachment:upload', {
        domain: NORTHWIND_DOMAIN,
        name: caseName,
        fileId: staged.fileId,
        transferId: 'preview-up',
      }),
    );
    expect(attachment.sizeBytes).toBe(bytes.byteLength);
    dialogs.willSaveInto(dir);
    const saved = value<{ savedTo: string }>(
      await client.invoke('attachment:download', {
        domain: NORTHWIND_DOMAIN,
        attachment: attachment.name,
        transferId: 'preview-down',
      }),
    );
    expect(saved.savedTo).toBe(join(dir, 'dropped capture.har'));
    expect(sha256(await readFile(saved.savedTo))).toBe(sha256(bytes));
  });

  it('refuses a drop over the size limit before its bytes, and one whose bytes do not match its size', async () => {
    const tooLarge = await client.drop('huge.bin', new Uint8Array(0), MAX_BYTES + 1);
    expect(tooLarge).toMatchObject({ ok: false, error: { code: 'too_large', detail: { filename: 'huge.bin' } } });
    const short = await client.drop('short.bin', new Uint8Array(10), 20);
    expect(short).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const long = await client.drop('long.bin', new Uint8Array(30), 20);
    expect(long).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    // The connection survives: the next request is answered.
    expect(await client.invoke('app:info', {})).toMatchObject({ ok: true });
  });
});

describe('preview browser bridge in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('streams a dropped File to the server, which stages it for upload', async () => {
    const page = await browser.newPage();
    await page.goto(preview.url);
    await page.waitForFunction(() => 'partnerDesk' in window);
    const outcome = await page.evaluate(async (size) => {
      const bytes = new Uint8Array(size);
      for (let i = 0; i < size; i += 65_536) crypto.getRandomValues(bytes.subarray(i, i + 65_536));
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      const bridge = (window as unknown as { partnerDesk: { stageDroppedFile(file: File): Promise<unknown> } })
        .partnerDesk;
      const result = await bridge.stageDroppedFile(new File([bytes], 'from the page.bin'));
      return { result, sha: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('') };
    }, 700_001);
    const staged = value<StagedFile>(outcome.result as InvokeResult<unknown>);
    expect(staged).toMatchObject({ filename: 'from the page.bin', sizeBytes: 700_001 });

    const attachment = value<{ name: string }>(
      await client.invoke('attachment:upload', {
        domain: NORTHWIND_DOMAIN,
        name: caseName,
        fileId: staged.fileId,
        transferId: 'chromium-up',
      }),
    );
    dialogs.willSaveInto(dir);
    const saved = value<{ savedTo: string }>(
      await client.invoke('attachment:download', {
        domain: NORTHWIND_DOMAIN,
        attachment: attachment.name,
        transferId: 'chromium-down',
      }),
    );
    expect(sha256(await readFile(saved.savedTo))).toBe(outcome.sha);
    await page.close();
  }, 60_000);
});
