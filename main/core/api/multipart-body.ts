import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/app-error';
import type { FileSource } from '../ports';

export type ProgressCallback = (sent: number, total: number) => void;

export interface MultipartUpload {
  body: ReadableStream<Uint8Array>;
  contentType: string;
  /** Exact byte count of the whole body, known before a byte is read. */
  contentLength: number;
}

/**
 * The multipart/related body of Google's media.upload (uploadType=multipart): a JSON
 * part `{"attachment":{"filename":…}}`, then the file itself. The file is pulled
 * chunk by chunk only as fast as the network takes it, so memory stays flat whatever
 * the file's size. `onProgress` counts file bytes handed to the network.
 */
export function buildMultipartUpload(
  source: FileSource,
  options: { onProgress?: ProgressCallback; boundary?: string } = {},
): MultipartUpload {
  const boundary = options.boundary ?? `partner_desk_${randomBytes(16).toString('hex')}`;
  const encoder = new TextEncoder();
  const metadata = JSON.stringify({ attachment: { filename: source.filename } });
  const head = encoder.encode(
    `--${boundary}\r\n` +
      `Content-Type: application/json; charset=UTF-8\r\n\r\n` +
      `${metadata}\r\n` +
      `--${boundary}\r\n` +
      `Content-Type: ${safeMimeType(source.mimeType)}\r\n\r\n`,
  );
  const tail = encoder.encode(`\r\n--${boundary}--\r\n`);
  const total = source.size;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let phase: 'head' | 'file' | 'tail' = 'head';
  let sent = 0;

  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (phase === 'head') {
          phase = 'file';
          options.onProgress?.(0, total);
          controller.enqueue(head);
          return;
        }
        if (phase === 'file') {
          reader ??= source.stream().getReader();
          const { done, value } = await reader.read();
          if (!done) {
            sent += value.byteLength;
            if (sent > total) throw changedWhileUploading(source, sent);
            controller.enqueue(value);
            options.onProgress?.(sent, total);
            return;
          }
          if (sent !== total) throw changedWhileUploading(source, sent);
          phase = 'tail';
        }
        controller.enqueue(tail);
        controller.close();
      },
      async cancel(reason) {
        await reader?.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );

  return {
    body,
    contentType: `multipart/related; boundary=${boundary}`,
    contentLength: head.byteLength + total + tail.byteLength,
  };
}

function changedWhileUploading(source: FileSource, sent: number): AppError {
  return new AppError(
    'invalid_argument',
    `"${source.filename}" changed while it was being uploaded (${source.size} bytes expected, ${sent} read).`,
    { field: 'file' },
  );
}

/** A header value must not carry line breaks; anything odd becomes a plain byte stream. */
function safeMimeType(mimeType: string): string {
  return /^[\w.+-]+\/[\w.+-]+$/.test(mimeType) ? mimeType : 'application/octet-stream';
}
