import { describe, expect, it } from 'vitest';
import { pageSizeOf, paginate, PageTokens } from '../../main/emulator/page-token';
import { RpcError } from '../../main/emulator/rpc-error';

describe('page tokens', () => {
  const tokens = new PageTokens();
  const items = Array.from({ length: 25 }, (_, i) => i);

  it('walks a list page by page and stops without a token', () => {
    const first = paginate(tokens, items, 10, undefined, 'q');
    expect(first.items).toEqual(items.slice(0, 10));
    const second = paginate(tokens, items, 10, first.nextPageToken, 'q');
    expect(second.items).toEqual(items.slice(10, 20));
    const third = paginate(tokens, items, 10, second.nextPageToken, 'q');
    expect(third.items).toEqual(items.slice(20));
    expect(third.nextPageToken).toBeUndefined();
  });

  it('is opaque: no plain offset in it', () => {
    const token = tokens.issue(10, 'q');
    expect(token).not.toMatch(/^\d+$/);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses a token used with another query', () => {
    const token = tokens.issue(10, 'state=OPEN');
    expect(() => tokens.read(token, 'state=CLOSED')).toThrow(/does not belong to this query/);
  });

  it('refuses a tampered token', () => {
    const token = tokens.issue(10, 'q');
    const decoded = Buffer.from(token, 'base64url').toString('utf8');
    const forged = Buffer.from(decoded.replace(/^10\./, '20.')).toString('base64url');
    expect(() => tokens.read(forged, 'q')).toThrow(RpcError);
    expect(() => tokens.read('garbage', 'q')).toThrow(/Invalid page token/);
  });

  it('refuses a token of another emulator instance', () => {
    expect(() => new PageTokens().read(tokens.issue(10, 'q'), 'q')).toThrow(/Invalid page token/);
  });

  it('defaults, caps and validates page sizes', () => {
    expect(pageSizeOf(null, 'pageSize', 10, 100)).toBe(10);
    expect(pageSizeOf('0', 'pageSize', 10, 100)).toBe(10);
    expect(pageSizeOf('500', 'pageSize', 10, 100)).toBe(100);
    expect(() => pageSizeOf('-1', 'pageSize', 10, 100)).toThrow(/Invalid value for pageSize/);
    expect(() => pageSizeOf('ten', 'pageSize', 10, 100)).toThrow(RpcError);
  });
});
