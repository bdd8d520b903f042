import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { RpcError } from './rpc-error';

/**
 * Opaque page tokens: the offset of the next page plus a hash of the query that
 * produced it, signed so a client can neither forge an offset nor reuse a token with
 * another query (both answered INVALID_ARGUMENT, as Google does).
 */
export class PageTokens {
  private readonly secret: Buffer;

  constructor(secret: Buffer = randomBytes(32)) {
    this.secret = secret;
  }

  issue(offset: number, queryKey: string): string {
    const payload = `${offset}.${digest(queryKey)}`;
    return Buffer.from(`${payload}.${this.sign(payload)}`).toString('base64url');
  }

  /** The offset a token stands for; 0 for no token. */
  read(token: string | undefined, queryKey: string): number {
    if (token === undefined || token === '') return 0;
    const parts = Buffer.from(token, 'base64url').toString('utf8').split('.');
    const [offsetText, queryDigest, signature] = parts;
    if (parts.length !== 3 || offsetText === undefined || queryDigest === undefined || signature === undefined) {
      throw invalidToken();
    }
    const payload = `${offsetText}.${queryDigest}`;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalidToken();
    if (queryDigest !== digest(queryKey)) {
      throw new RpcError(
        'INVALID_ARGUMENT',
        'The page token does not belong to this query: send the same parameters as the first page.',
      );
    }
    const offset = Number(offsetText);
    if (!Number.isSafeInteger(offset) || offset < 0) throw invalidToken();
    return offset;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url').slice(0, 22);
  }
}

function digest(queryKey: string): string {
  return createHash('sha256').update(queryKey).digest('base64url').slice(0, 16);
}

function invalidToken(): RpcError {
  return new RpcError('INVALID_ARGUMENT', 'Invalid page token.');
}

export interface Page<T> {
  items: T[];
  nextPageToken?: string;
}

/** One page of `items` (already in order) for the given page size and token. */
export function paginate<T>(
  tokens: PageTokens,
  items: readonly T[],
  pageSize: number,
  pageToken: string | undefined,
  queryKey: string,
): Page<T> {
  const offset = tokens.read(pageToken, queryKey);
  const slice = items.slice(offset, offset + pageSize);
  const next = offset + pageSize;
  return next < items.length ? { items: slice, nextPageToken: tokens.issue(next, queryKey) } : { items: slice };
}

/** Validates a pageSize/maxResults query value: absent → default, above max → max (Google coerces), bad → 400. */
export function pageSizeOf(raw: string | null, name: string, defaultSize: number, maxSize: number): number {
  if (raw === null || raw === '') return defaultSize;
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 0) {
    throw new RpcError('INVALID_ARGUMENT', `Invalid value for ${name}: "${raw}" (expected a non-negative integer).`);
  }
  if (size === 0) return defaultSize;
  return Math.min(size, maxSize);
}
