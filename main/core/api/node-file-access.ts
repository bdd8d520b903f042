import { constants } from 'node:fs';
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../../shared/app-error';
import type { FileAccess, FileInfo, FileSink, FileSource } from '../ports';
import { mimeTypeOf } from './mime-type';

export const READ_CHUNK_BYTES = 256 * 1024;
/** Non-blocking, so a path swapped for a FIFO after its check cannot hang the open; a no-op on regular files. */
const OPEN_FOR_READING = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
/** What stat says when nothing is at the path (or a parent of it is not a folder). */
const GONE_CODES = new Set(['ENOENT', 'ENOTDIR']);

/**
 * FileAccess over node:fs. Uploads read the file in fixed chunks only when the
 * consumer pulls (so a 200 MB file never sits in memory); downloads go to a
 * `.part` file renamed into place on success and deleted on failure, so a broken
 * download never looks like a finished one.
 */
export class NodeFileAccess implements FileAccess {
  async inspect(path: string): Promise<FileInfo | null> {
    const info = await stat(path).catch((error: unknown) => {
      if (GONE_CODES.has(errorCode(error))) return null;
      throw fileError(`Cannot read "${path}"`, error);
    });
    if (!info) return null;
    if (info.isDirectory()) return { kind: 'directory', size: 0, readable: false };
    if (!info.isFile()) return { kind: 'other', size: 0, readable: false };
    try {
      const handle = await openRegularFile(path);
      await handle.close();
      return { kind: 'file', size: info.size, readable: true };
    } catch (error) {
      if (GONE_CODES.has(errorCode(error))) return null;
      return { kind: 'file', size: info.size, readable: false };
    }
  }

  async openForUpload(path: string): Promise<FileSource> {
    const info = await stat(path).catch((error: unknown) => {
      throw fileError(`Cannot read "${path}"`, error);
    });
    if (!info.isFile()) throw new AppError('invalid_argument', `"${path}" is not a file.`, { field: 'path' });
    const filename = basename(path);
    return {
      filename,
      size: info.size,
      mimeType: mimeTypeOf(filename),
      stream: () => readFileStream(path),
    };
  }

  async createForDownload(path: string): Promise<FileSink> {
    const partPath = `${path}.part`;
    const handle = await open(partPath, 'w').catch((error: unknown) => {
      throw fileError(`Cannot write "${path}"`, error);
    });
    let closed = false;
    return {
      async write(chunk) {
        await handle.write(chunk);
      },
      async close() {
        if (closed) return;
        closed = true;
        await handle.close();
        await rename(partPath, path);
      },
      async abort() {
        if (closed) return;
        closed = true;
        await handle.close().catch(() => undefined);
        await rm(partPath, { force: true });
      },
    };
  }
}

function readFileStream(path: string): ReadableStream<Uint8Array> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  const closeHandle = async () => {
    const current = handle;
    handle = undefined;
    await current?.close();
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          handle ??= await openRegularFile(path);
          const buffer = new Uint8Array(READ_CHUNK_BYTES);
          const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, null);
          if (bytesRead === 0) {
            await closeHandle();
            controller.close();
            return;
          }
          controller.enqueue(bytesRead === buffer.byteLength ? buffer : buffer.subarray(0, bytesRead));
        } catch (error) {
          await closeHandle().catch(() => undefined);
          throw fileError(`Cannot read "${path}"`, error);
        }
      },
      async cancel() {
        await closeHandle();
      },
    },
    { highWaterMark: 0 },
  );
}

/** Opens `path` for reading only if it is (still) a regular file. */
async function openRegularFile(path: string): Promise<FileHandle> {
  const handle = await open(path, OPEN_FOR_READING);
  const info = await handle.stat().catch(async (error: unknown) => {
    await handle.close();
    throw error;
  });
  if (info.isFile()) return handle;
  await handle.close();
  throw new Error(`"${path}" is not a regular file`);
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function fileError(message: string, error: unknown): AppError {
  const reason = errorCode(error) || (error instanceof Error ? error.message : String(error));
  return new AppError('invalid_argument', `${message}: ${reason}.`, { field: 'path', reason }, { cause: error });
}
