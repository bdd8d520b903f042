import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMultipartUpload } from '../../main/core/api/multipart-body';
import { NodeFileAccess, READ_CHUNK_BYTES } from '../../main/core/api/node-file-access';
import type { FileSource } from '../../main/core/ports';

function memorySource(bytes: Uint8Array, options: Partial<FileSource> = {}): FileSource {
  return {
    filename: 'trace.har',
    size: bytes.byteLength,
    mimeType: 'application/json',
    stream: () =>
      new ReadableStream({
        start(controller) {
          for (let offset = 0; offset < bytes.byteLength; offset += 1000)
            controller.enqueue(bytes.slice(offset, offset + 1000));
          controller.close();
        },
      }),
    ...options,
  };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
  return Buffer.concat(chunks);
}

describe('buildMultipartUpload', () => {
  it('frames the JSON metadata and the file as multipart/related, with an exact length', async () => {
    const file = new Uint8Array(2500).map((_, index) => index % 251);
    const upload = buildMultipartUpload(memorySource(file, { filename: 'ré"sumé.txt', mimeType: 'text/plain' }), {
      boundary: 'B0UND',
    });
    expect(upload.contentType).toBe('multipart/related; boundary=B0UND');
    const body = await readAll(upload.body);
    expect(body.byteLength).toBe(upload.contentLength);
    const head =
      '--B0UND\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n' +
      '{"attachment":{"filename":"ré\\"sumé.txt"}}\r\n--B0UND\r\nContent-Type: text/plain\r\n\r\n';
    const headBytes = Buffer.from(head, 'utf8');
    expect(body.subarray(0, headBytes.byteLength).toString('utf8')).toBe(head);
    expect(
      Buffer.compare(body.subarray(headBytes.byteLength, headBytes.byteLength + file.byteLength), Buffer.from(file)),
    ).toBe(0);
    expect(body.subarray(headBytes.byteLength + file.byteLength).toString()).toBe('\r\n--B0UND--\r\n');
  });

  it('reports progress in file bytes up to the total', async () => {
    const progress: [number, number][] = [];
    const upload = buildMultipartUpload(memorySource(new Uint8Array(2500)), {
      onProgress: (sent, total) => progress.push([sent, total]),
    });
    await readAll(upload.body);
    expect(progress).toEqual([
      [0, 2500],
      [1000, 2500],
      [2000, 2500],
      [2500, 2500],
    ]);
  });

  it('reads the file only as the consumer pulls', async () => {
    let pulled = 0;
    const source: FileSource = {
      ...memorySource(new Uint8Array(0)),
      size: 10_000,
      stream: () =>
        new ReadableStream(
          {
            pull(controller) {
              pulled += 1;
              controller.enqueue(new Uint8Array(1000));
              if (pulled === 10) controller.close();
            },
          },
          { highWaterMark: 0 },
        ),
    };
    const reader = buildMultipartUpload(source).body.getReader();
    await reader.read();
    await reader.read();
    expect(pulled).toBeLessThanOrEqual(2);
    await reader.cancel();
  });

  it('fails instead of sending a body that disagrees with its Content-Length', async () => {
    const grown = memorySource(new Uint8Array(2500), { size: 2000 });
    await expect(readAll(buildMultipartUpload(grown).body)).rejects.toMatchObject({ code: 'invalid_argument' });
    const shrunk = memorySource(new Uint8Array(2500), { size: 3000 });
    await expect(readAll(buildMultipartUpload(shrunk).body)).rejects.toMatchObject({ code: 'invalid_argument' });
  });

  it('replaces a mime type that could break the header', async () => {
    const upload = buildMultipartUpload(memorySource(new Uint8Array(1), { mimeType: 'text/plain\r\nX-Evil: 1' }), {
      boundary: 'B',
    });
    expect((await readAll(upload.body)).toString()).toContain('Content-Type: application/octet-stream\r\n\r\n');
  });
});

describe('NodeFileAccess', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pd-file-access-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('streams a file in chunks, with its name, size and type', async () => {
    const path = join(dir, 'capture.png');
    const content = Buffer.alloc(READ_CHUNK_BYTES * 2 + 17, 7);
    await writeFile(path, content);
    const source = await new NodeFileAccess().openForUpload(path);
    expect(source).toMatchObject({ filename: 'capture.png', size: content.byteLength, mimeType: 'image/png' });
    const chunks: number[] = [];
    const reader = source.stream().getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value.byteLength);
    expect(chunks).toEqual([READ_CHUNK_BYTES, READ_CHUNK_BYTES, 17]);
  });

  it('refuses a missing file or a folder clearly', async () => {
    const files = new NodeFileAccess();
    await expect(files.openForUpload(join(dir, 'nope.txt'))).rejects.toMatchObject({
      code: 'invalid_argument',
      detail: { reason: 'ENOENT' },
    });
    await expect(files.openForUpload(dir)).rejects.toMatchObject({ code: 'invalid_argument' });
  });

  it('writes a download to a .part file and renames it only when complete', async () => {
    const files = new NodeFileAccess();
    const done = join(dir, 'done.bin');
    const sink = await files.createForDownload(done);
    await sink.write(new Uint8Array([1, 2, 3]));
    await sink.close();
    const { readFile, access } = await import('node:fs/promises');
    expect([...(await readFile(done))]).toEqual([1, 2, 3]);
    const broken = join(dir, 'broken.bin');
    const aborted = await files.createForDownload(broken);
    await aborted.write(new Uint8Array([9]));
    await aborted.abort();
    await expect(access(broken)).rejects.toThrow();
    await expect(access(`${broken}.part`)).rejects.toThrow();
  });
});
