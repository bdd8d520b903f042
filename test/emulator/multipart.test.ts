import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  headerParameter,
  MultipartError,
  readMultipartUpload,
  UploadTooLargeError,
} from '../../main/emulator/multipart';

/** googleapis' exact layout: no preamble CRLF, lowercase headers, no CRLF after the closing boundary. */
function relatedBody(boundary: string, metadata: string, file: Buffer, fileType = 'text/plain'): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${boundary}\r\ncontent-type: application/json\r\n\r\n${metadata}\r\n--${boundary}\r\ncontent-type: ${fileType}\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--`),
  ]);
}

function chunked(body: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < body.length; i += size) chunks.push(body.subarray(i, i + size));
  return Readable.from(chunks);
}

describe('multipart upload parser', () => {
  const boundary = '4b8f3c1e-boundary';
  const file = Buffer.from('line one\r\n--not-a-boundary\r\nline three with \r\n-- dashes');
  const body = relatedBody(boundary, '{"attachment":{"filename":"notes.txt"}}', file);

  it('reads googleapis multipart/related whatever the chunking', async () => {
    for (const size of [1, 2, 3, 7, 16, 64, body.length]) {
      const upload = await readMultipartUpload(chunked(body, size), `multipart/related; boundary=${boundary}`, 1024);
      expect(upload.metadata).toEqual({ attachment: { filename: 'notes.txt' } });
      expect(upload.file.bytes.equals(file)).toBe(true);
      expect(upload.file.mimeType).toBe('text/plain');
    }
  });

  it('reads multipart/form-data with a quoted boundary and a file name', async () => {
    const formBoundary = '----form boundary';
    const form = Buffer.concat([
      Buffer.from('preamble to ignore\r\n'),
      Buffer.from(
        `--${formBoundary}\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n{"filename":"a.csv"}\r\n`,
      ),
      Buffer.from(
        `--${formBoundary}\r\nContent-Disposition: form-data; name="file"; filename="report.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      Buffer.from('a,b\n1,2\n'),
      Buffer.from(`\r\n--${formBoundary}--\r\nepilogue`),
    ]);
    const upload = await readMultipartUpload(chunked(form, 5), `multipart/form-data; boundary="${formBoundary}"`, 1024);
    expect(upload.metadata).toEqual({ filename: 'a.csv' });
    expect(upload.file.filename).toBe('report.csv');
    expect(upload.file.bytes.toString()).toBe('a,b\n1,2\n');
  });

  it('keeps binary bytes intact', async () => {
    const binary = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37) % 256));
    const upload = await readMultipartUpload(
      chunked(relatedBody(boundary, '{}', binary, 'application/octet-stream'), 100),
      `multipart/related; boundary=${boundary}`,
      4096,
    );
    expect(upload.file.bytes.equals(binary)).toBe(true);
  });

  it('stops at the size limit', async () => {
    const big = relatedBody(boundary, '{}', Buffer.alloc(5000, 1));
    await expect(
      readMultipartUpload(chunked(big, 512), `multipart/related; boundary=${boundary}`, 4096),
    ).rejects.toBeInstanceOf(UploadTooLargeError);
  });

  it.each([
    ['a truncated body', body.subarray(0, body.length - 10), /ended before its closing boundary/],
    [
      'no file part',
      Buffer.from(`--${boundary}\r\ncontent-type: application/json\r\n\r\n{}\r\n--${boundary}--`),
      /no file part/,
    ],
    ['invalid metadata JSON', relatedBody(boundary, '{nope', file), /not valid JSON/],
    [
      'a malformed part header',
      Buffer.from(`--${boundary}\r\nno colon here\r\n\r\nx\r\n--${boundary}--`),
      /Malformed multipart header/,
    ],
  ])('refuses %s', async (_label, input, message) => {
    await expect(
      readMultipartUpload(chunked(input, 9), `multipart/related; boundary=${boundary}`, 4096),
    ).rejects.toThrow(message);
  });

  it('refuses other content types and a missing boundary', async () => {
    await expect(readMultipartUpload(chunked(body, 9), 'application/json', 4096)).rejects.toBeInstanceOf(
      MultipartError,
    );
    await expect(readMultipartUpload(chunked(body, 9), 'multipart/related', 4096)).rejects.toThrow(/no boundary/);
  });

  it('reads header parameters, quoted, bare and RFC 5987', () => {
    expect(headerParameter('multipart/related; boundary="a b"', 'boundary')).toBe('a b');
    expect(headerParameter('multipart/related; boundary=xyz', 'boundary')).toBe('xyz');
    expect(headerParameter('form-data; name="f"; filename*=UTF-8\'\'r%C3%A9sum%C3%A9.txt', 'filename')).toBe(
      'résumé.txt',
    );
    expect(headerParameter('form-data; name="f"', 'filename')).toBeUndefined();
  });
});
