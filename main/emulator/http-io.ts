import type { IncomingMessage } from 'node:http';
import { RpcError } from './rpc-error';

/** What a handler answers; the server writes it (or drops it, when a fault says so). */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  body?: Buffer | string;
}

export function jsonReply(json: unknown, status = 200): Reply {
  return { status, json };
}

const MAX_JSON_BYTES = 1024 * 1024;

/** The raw request body, refusing bodies above `limit` bytes. */
export async function readBody(req: IncomingMessage, limit = MAX_JSON_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new RpcError('INVALID_ARGUMENT', `Request payload is larger than ${limit} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The JSON object of a request body; an empty body reads as {}. */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = (await readBody(req)).toString('utf8');
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RpcError('INVALID_ARGUMENT', `Invalid JSON payload received. ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new RpcError('INVALID_ARGUMENT', 'Invalid JSON payload received: expected an object.');
  }
  return value as Record<string, unknown>;
}

/** An application/x-www-form-urlencoded body (OAuth endpoints). */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readBody(req, 64 * 1024)).toString('utf8'));
}
