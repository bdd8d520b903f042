import { createReadStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { rm, stat, writeFile } from 'node:fs/promises';
import { READ_CHUNK_BYTES } from '../../main/core/api/node-file-access';
import { benchInput, toParent } from './bench-worker';

/**
 * The reference of the IPC upload bench: the same file, to the same emulator, as a bare
 * fetch streaming a multipart body from disk (same chunk size as the app's reader), with
 * no core, no dispatcher, no progress and no second process.
 */
interface RawInput {
  origin: string;
  accessToken: string;
  caseName: string;
  path: string;
}

const WARM_UP_BYTES = 4 * 1024 * 1024;

async function main(): Promise<void> {
  const input = benchInput<RawInput>();
  // A fresh process: warm fetch's connection pool and code paths first, as the main worker does.
  const warmUp = `${input.path}.raw-warm-up`;
  await writeFile(warmUp, randomBytes(WARM_UP_BYTES));
  await upload(input, warmUp);
  await rm(warmUp);
  toParent({ type: 'done', seconds: await upload(input, input.path) });
}

/** One multipart upload of `path`, streamed; resolves with its duration in seconds. */
async function upload(input: RawInput, path: string): Promise<number> {
  const size = (await stat(path)).size;
  const boundary = 'raw_bench_boundary';
  const encoder = new TextEncoder();
  const head = encoder.encode(
    `--${boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n` +
      `${JSON.stringify({ attachment: { filename: 'raw-capture.bin' } })}\r\n` +
      `--${boundary}\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = encoder.encode(`\r\n--${boundary}--\r\n`);
  async function* parts(): AsyncGenerator<Uint8Array> {
    yield head;
    for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK_BYTES })) {
      yield chunk as Buffer;
    }
    yield tail;
  }
  const started = performance.now();
  const response = await fetch(`${input.origin}/upload/v2/${input.caseName}/attachments?uploadType=multipart`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${input.accessToken}`,
      'content-type': `multipart/related; boundary=${boundary}`,
      'content-length': String(head.byteLength + size + tail.byteLength),
    },
    body: pullStream(parts()),
    duplex: 'half',
  } as RequestInit & { duplex: 'half' });
  const attachment = (await response.json()) as { sizeBytes?: string };
  const seconds = (performance.now() - started) / 1000;
  if (!response.ok || Number(attachment.sizeBytes) !== size) {
    throw new Error(`Raw upload failed: HTTP ${response.status}, ${JSON.stringify(attachment).slice(0, 200)}`);
  }
  return seconds;
}

/** A stream that reads the next part only when fetch asks for it, like the app's body. */
function pullStream(source: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await source.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
    },
    { highWaterMark: 0 },
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
