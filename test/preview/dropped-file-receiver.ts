import { createWriteStream, mkdtempSync, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AppError } from '../../shared/app-error';
import type { InvokeResult } from '../../shared/ipc/contract';
import { DROP_ID_BYTES } from './preview-protocol';

export interface DroppedFileReceiverOptions {
  /** Where dropped files are written, one folder each (so each keeps its own name). */
  dir: string;
  /** The core's attachment limit: a drop declaring more is refused before a byte is written. */
  maxBytes: number;
  /** Stages the written file, as main does with the path of a file dropped in Electron. */
  stage(path: string): Promise<InvokeResult<unknown>>;
}

interface Drop {
  path: string;
  out: WriteStream;
  size: number;
  received: number;
  failure?: string;
}

const refused = (message: string): InvokeResult<never> => ({
  ok: false,
  error: new AppError('bad_request', message).toData(),
});

/**
 * The preview's half of a dropped file, for one connection: the browser has the bytes
 * but no path, so it streams them here; they are written to a temp file that is then
 * staged like any dropped path (and checked the same way).
 */
export function createDroppedFileReceiver(options: DroppedFileReceiverOptions) {
  const drops = new Map<number, Drop>();

  function fail(drop: Drop, why: string): void {
    drop.failure ??= why;
    drop.out.destroy();
  }

  return {
    /** Null when the drop is accepted, else the result to answer it with. */
    begin(id: number, filename: string, size: number): InvokeResult<never> | null {
      if (drops.has(id)) return refused(`Drop ${id} is already open.`);
      if (size > options.maxBytes) {
        // Refused before a byte crosses, with the refusal staging would give.
        const error = new AppError(
          'too_large',
          `"${filename}" is ${size} bytes; an attachment holds at most ${options.maxBytes}.`,
          {
            filename,
            sizeBytes: String(size),
            maxBytes: String(options.maxBytes),
          },
        );
        return { ok: false, error: error.toData() };
      }
      const folder = mkdtempSync(join(options.dir, 'drop-'));
      const path = join(folder, safeName(filename));
      const out = createWriteStream(path);
      const drop: Drop = { path, out, size, received: 0 };
      out.on('error', (error) => fail(drop, error.message));
      drops.set(id, drop);
      return null;
    },

    /** One binary frame: the drop id, then bytes. Frames of unknown drops are ignored. */
    chunk(frame: Buffer): void {
      if (frame.byteLength < DROP_ID_BYTES) return;
      const drop = drops.get(frame.readUInt32BE(0));
      if (!drop || drop.failure) return;
      drop.received += frame.byteLength - DROP_ID_BYTES;
      if (drop.received > drop.size) return fail(drop, 'more bytes than announced');
      drop.out.write(frame.subarray(DROP_ID_BYTES));
    },

    async end(id: number): Promise<InvokeResult<unknown>> {
      const drop = drops.get(id);
      drops.delete(id);
      if (!drop) return refused(`No drop ${id} is open.`);
      if (!drop.failure && drop.received !== drop.size) fail(drop, `${drop.received} of ${drop.size} bytes arrived`);
      if (drop.failure) {
        await rm(join(drop.path, '..'), { recursive: true, force: true });
        return refused(`The dropped file did not arrive: ${drop.failure}.`);
      }
      await new Promise<void>((resolve, reject) =>
        drop.out.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
      return options.stage(drop.path);
    },

    /** The connection closed: drops still open are thrown away. */
    abortAll(): void {
      for (const [id, drop] of drops) {
        drops.delete(id);
        fail(drop, 'the connection closed');
        void rm(join(drop.path, '..'), { recursive: true, force: true });
      }
    },
  };
}

export type DroppedFileReceiver = ReturnType<typeof createDroppedFileReceiver>;

/** The dropped file's own name, without folder parts or control characters. */
function safeName(filename: string): string {
  // eslint-disable-next-line no-control-regex
  const name = basename(filename.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '_');
  return name && name !== '.' && name !== '..' ? name : 'dropped-file';
}
