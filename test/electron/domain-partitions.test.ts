import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/app-error';
import { createDomainPartitions, partitionForDomain } from '../../main/electron/domain-partitions';

/** A Session stand-in: its fetch answers with its own partition name, so a test sees which session served a request. */
class FakeSession {
  readonly calls: string[] = [];
  readonly fetched: Array<{ input: unknown; init: RequestInit | undefined }> = [];
  requestHandlers = 0;
  checkHandlers = 0;
  permissionCheck: ((...args: unknown[]) => boolean) | null = null;

  constructor(readonly partition: string) {}
  async fetch(input: string | Request, init?: RequestInit): Promise<Response> {
    this.fetched.push({ input, init });
    return new Response(this.partition);
  }
  async clearStorageData() {
    this.calls.push('clearStorageData');
  }
  async clearCache() {
    this.calls.push('clearCache');
  }
  async clearAuthCache() {
    this.calls.push('clearAuthCache');
  }
  setPermissionRequestHandler() {
    this.requestHandlers++;
  }
  setPermissionCheckHandler(handler: ((...args: never[]) => boolean) | null) {
    this.checkHandlers++;
    this.permissionCheck = handler as typeof this.permissionCheck;
  }
}

function setup() {
  const sessions = new Map<string, FakeSession>();
  const domainPartitions = createDomainPartitions({
    fromPartition(partition) {
      let session = sessions.get(partition);
      if (!session) sessions.set(partition, (session = new FakeSession(partition)));
      return session;
    },
  });
  return { sessions, domainPartitions };
}

describe('per-domain sessions', () => {
  it('fetches each domain through its own persistent partition, never another', async () => {
    const { sessions, domainPartitions } = setup();
    const a = domainPartitions.fetchForDomain('northwind-reseller.example');
    const b = domainPartitions.fetchForDomain('revendeur-lumiere.example');
    expect(await (await a('https://reseller.googleapis.com/x')).text()).toBe(
      'persist:domain:northwind-reseller.example',
    );
    expect(await (await b('https://reseller.googleapis.com/x')).text()).toBe(
      'persist:domain:revendeur-lumiere.example',
    );
    expect([...sessions.keys()].sort()).toEqual([
      'persist:domain:northwind-reseller.example',
      'persist:domain:revendeur-lumiere.example',
    ]);
    expect(sessions.get('persist:domain:northwind-reseller.example')?.fetched).toHaveLength(1);
    expect(sessions.get('persist:domain:revendeur-lumiere.example')?.fetched).toHaveLength(1);
  });

  it('passes URL objects as strings and keeps the request options', async () => {
    const { sessions, domainPartitions } = setup();
    const signal = new AbortController().signal;
    await domainPartitions.fetchForDomain('a.example')(new URL('https://x.example/v2/y?q=1'), {
      method: 'POST',
      signal,
    });
    expect(sessions.get('persist:domain:a.example')?.fetched[0]).toEqual({
      input: 'https://x.example/v2/y?q=1',
      init: { method: 'POST', signal },
    });
  });

  it('installs deny-all permission handlers once on every partition', () => {
    const { sessions, domainPartitions } = setup();
    domainPartitions.fetchForDomain('a.example');
    domainPartitions.fetchForDomain('a.example');
    domainPartitions.fetchForDomain('b.example');
    for (const session of sessions.values()) {
      expect([session.requestHandlers, session.checkHandlers]).toEqual([1, 1]);
      expect(session.permissionCheck?.(null, 'geolocation')).toBe(false);
    }
  });

  it("clears one domain's storage, cache and auth cache, and leaves the others alone", async () => {
    const { sessions, domainPartitions } = setup();
    domainPartitions.fetchForDomain('b.example');
    await domainPartitions.clearDomainData('a.example');
    expect(sessions.get('persist:domain:a.example')?.calls).toEqual([
      'clearStorageData',
      'clearCache',
      'clearAuthCache',
    ]);
    expect(sessions.get('persist:domain:b.example')?.calls).toEqual([]);
  });

  it.each([
    '',
    'A.example',
    'example',
    '../etc',
    'a.example/../../b',
    'a..example',
    '-a.example',
    'a.example ',
    'a_b.example',
    'x'.repeat(300) + '.example',
  ])('refuses %j as a domain before any partition is opened', async (domain) => {
    const { sessions, domainPartitions } = setup();
    expect(() => domainPartitions.fetchForDomain(domain)).toThrow(AppError);
    await expect(domainPartitions.clearDomainData(domain)).rejects.toBeInstanceOf(AppError);
    expect(sessions.size).toBe(0);
  });

  it('names partitions after the domain', () => {
    expect(partitionForDomain('revendeur-lumiere.example')).toBe('persist:domain:revendeur-lumiere.example');
    expect(() => partitionForDomain(42 as unknown as string)).toThrow(/Not a domain name/);
  });
});
