/**
 * Streaming parser for multipart/related (what googleapis sends for media uploads)
 * and multipart/form-data (what a browser-style FormData sends). It never holds more
 * than the part being read, and gives up as soon as the file part passes its limit.
 */

export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MultipartError';
  }
}

export class UploadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`The file is larger than the ${limitBytes}-byte limit.`);
    this.name = 'UploadTooLargeError';
  }
}

export type PartHeaders = Record<string, string>;

export type MultipartEvent =
  { type: 'part'; headers: PartHeaders } | { type: 'data'; chunk: Buffer } | { type: 'partEnd' } | { type: 'done' };

const MAX_HEADER_BYTES = 16 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** Incremental multipart tokenizer: push chunks in, get part events out. */
export class MultipartParser {
  private readonly delimiter: Buffer;
  private pending: Buffer;
  private state: 'preamble' | 'afterDelimiter' | 'headers' | 'body' | 'epilogue' = 'preamble';

  constructor(boundary: string) {
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
    // The first delimiter may start the body without a leading CRLF: pretend it had one.
    this.pending = Buffer.from(CRLF);
  }

  get finished(): boolean {
    return this.state === 'epilogue';
  }

  push(chunk: Buffer): MultipartEvent[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const events: MultipartEvent[] = [];
    for (;;) {
      if (!this.step(events)) return events;
    }
  }

  end(): void {
    if (this.state !== 'epilogue') throw new MultipartError('The multipart body ended before its closing boundary.');
  }

  /** Consumes what it can; false when it needs more bytes. */
  private step(events: MultipartEvent[]): boolean {
    switch (this.state) {
      case 'epilogue':
        this.pending = Buffer.alloc(0);
        return false;
      case 'preamble': {
        const at = this.pending.indexOf(this.delimiter);
        if (at < 0) {
          this.keepTail(this.delimiter.length - 1);
          return false;
        }
        this.pending = this.pending.subarray(at + this.delimiter.length);
        this.state = 'afterDelimiter';
        return true;
      }
      case 'afterDelimiter': {
        if (this.pending.length < 2) return false;
        if (this.pending[0] === 0x2d && this.pending[1] === 0x2d) {
          this.state = 'epilogue';
          events.push({ type: 'done' });
          return true;
        }
        const lineEnd = this.pending.indexOf(CRLF);
        if (lineEnd < 0) {
          if (this.pending.length > 256) throw new MultipartError('Malformed multipart boundary line.');
          return false;
        }
        if (this.pending.subarray(0, lineEnd).toString('latin1').trim() !== '') {
          throw new MultipartError('Malformed multipart boundary line.');
        }
        this.pending = this.pending.subarray(lineEnd + 2);
        this.state = 'headers';
        return true;
      }
      case 'headers': {
        // A part without headers starts directly with the blank line.
        if (this.pending.length >= 2 && this.pending[0] === 0x0d && this.pending[1] === 0x0a) {
          this.pending = this.pending.subarray(2);
          events.push({ type: 'part', headers: {} });
          this.state = 'body';
          return true;
        }
        const at = this.pending.indexOf(HEADER_END);
        if (at < 0) {
          if (this.pending.length > MAX_HEADER_BYTES) throw new MultipartError('Multipart part headers are too long.');
          return false;
        }
        events.push({ type: 'part', headers: parseHeaders(this.pending.subarray(0, at).toString('utf8')) });
        this.pending = this.pending.subarray(at + HEADER_END.length);
        this.state = 'body';
        return true;
      }
      case 'body': {
        const at = this.pending.indexOf(this.delimiter);
        if (at < 0) {
          const safe = this.pending.length - (this.delimiter.length - 1);
          if (safe > 0) {
            events.push({ type: 'data', chunk: this.pending.subarray(0, safe) });
            this.pending = this.pending.subarray(safe);
          }
          return false;
        }
        if (at > 0) events.push({ type: 'data', chunk: this.pending.subarray(0, at) });
        events.push({ type: 'partEnd' });
        this.pending = this.pending.subarray(at + this.delimiter.length);
        this.state = 'afterDelimiter';
        return true;
      }
    }
  }

  private keepTail(length: number): void {
    if (this.pending.length > length) this.pending = this.pending.subarray(this.pending.length - length);
  }
}

function parseHeaders(block: string): PartHeaders {
  const headers: PartHeaders = {};
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartError(`Malformed multipart header line "${line}".`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** The value of a `; name=value` parameter of a header such as Content-Type or Content-Disposition. */
export function headerParameter(header: string, name: string): string | undefined {
  const extended = new RegExp(`(?:^|;)\\s*${name}\\*\\s*=\\s*(?:UTF-8|utf-8)''([^;]*)`).exec(header);
  if (extended?.[1] !== undefined) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      return undefined;
    }
  }
  const match = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i').exec(header);
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2];
}

export interface MultipartUpload {
  /** The JSON metadata part (googleapis: `{"attachment":{"filename":…}}`), if any. */
  metadata: unknown;
  file: { bytes: Buffer; mimeType?: string; filename?: string };
}

const MAX_METADATA_BYTES = 64 * 1024;

/**
 * Reads a multipart upload made of an optional JSON metadata part and one file part.
 * Throws MultipartError for malformed bodies and UploadTooLargeError once the file
 * passes `maxFileBytes` (without reading the rest).
 */
export async function readMultipartUpload(
  body: AsyncIterable<Buffer | string>,
  contentType: string,
  maxFileBytes: number,
): Promise<MultipartUpload> {
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'multipart/related' && mediaType !== 'multipart/form-data') {
    throw new MultipartError(
      `Expected a multipart/related or multipart/form-data body, got "${contentType || 'none'}".`,
    );
  }
  const boundary = headerParameter(contentType, 'boundary');
  if (!boundary) throw new MultipartError('The multipart Content-Type has no boundary parameter.');
  const parser = new MultipartParser(boundary);

  let metadataChunks: Buffer[] | undefined;
  let metadataBytes = 0;
  let metadataDone = false;
  let fileChunks: Buffer[] | undefined;
  let fileBytes = 0;
  let file: MultipartUpload['file'] | undefined;
  let current: 'metadata' | 'file' | undefined;

  const handle = (event: MultipartEvent): void => {
    switch (event.type) {
      case 'part': {
        const type = event.headers['content-type'] ?? '';
        const disposition = event.headers['content-disposition'] ?? '';
        const filename = headerParameter(disposition, 'filename');
        const isJson = type.toLowerCase().startsWith('application/json');
        const fieldName = headerParameter(disposition, 'name');
        // A FormData Blob part gets filename="blob", so the field name decides before the file name does.
        const looksLikeMetadata =
          fieldName === 'metadata' ||
          fieldName === 'attachment' ||
          (isJson && filename === undefined && fieldName === undefined);
        if (!metadataDone && !fileChunks && looksLikeMetadata) {
          current = 'metadata';
          metadataChunks = [];
        } else if (!fileChunks) {
          current = 'file';
          fileChunks = [];
          file = { bytes: Buffer.alloc(0) };
          if (type) file.mimeType = type.split(';')[0]?.trim();
          if (filename) file.filename = filename;
        } else {
          throw new MultipartError('The upload has more than one file part.');
        }
        return;
      }
      case 'data':
        if (current === 'metadata' && metadataChunks) {
          metadataBytes += event.chunk.length;
          if (metadataBytes > MAX_METADATA_BYTES) throw new MultipartError('The metadata part is too large.');
          metadataChunks.push(Buffer.from(event.chunk));
        } else if (current === 'file' && fileChunks) {
          fileBytes += event.chunk.length;
          if (fileBytes > maxFileBytes) throw new UploadTooLargeError(maxFileBytes);
          fileChunks.push(Buffer.from(event.chunk));
        }
        return;
      case 'partEnd':
        if (current === 'metadata') metadataDone = true;
        current = undefined;
        return;
      case 'done':
        return;
    }
  };

  for await (const chunk of body) {
    if (parser.finished) continue;
    for (const event of parser.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)) handle(event);
  }
  parser.end();

  if (!file || !fileChunks) throw new MultipartError('The upload has no file part.');
  file.bytes = Buffer.concat(fileChunks);
  let metadata: unknown;
  if (metadataChunks) {
    const text = Buffer.concat(metadataChunks).toString('utf8');
    try {
      metadata = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      throw new MultipartError('The metadata part is not valid JSON.');
    }
  }
  return { metadata, file };
}
