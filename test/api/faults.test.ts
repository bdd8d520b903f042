import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/app-error';
import { ALEX, NORTHWIND, pickCustomer, startTestEmulator, type TestEmulator } from './helpers/emulator-fixtures';
import { signedInClients, type SignedIn } from './helpers/signed-in-clients';
import { FastClock } from './helpers/instant-clock';
import { createApiClients, type ApiClients } from '../../main/core/api/api-client';
import { DEFAULT_ATTEMPT_TIMEOUT_MS } from '../../main/core/api/http-transport';

/** How the client behaves when the server or the network misbehaves (faults injected into the emulator). */
describe('client under faults', () => {
  let emulator: TestEmulator;
  let alex: SignedIn;
  let parent: string;
  let caseName: string;
  let classificationId: string;

  /** Alex's clients on a clock 1000× faster, so backoffs and Retry-After waits take no real time. */
  function hurried(): { clients: ApiClients; clock: FastClock } {
    const clock = new FastClock(1000);
    const clients = createApiClients({
      fetch,
      endpoints: emulator.endpoints,
      tokenProvider: alex.tokenProvider,
      clock,
      timeoutMs: DEFAULT_ATTEMPT_TIMEOUT_MS * clock.factor,
    });
    return { clients, clock };
  }
  const sleeps = (clock: FastClock) => clock.delays.filter((ms) => ms !== DEFAULT_ATTEMPT_TIMEOUT_MS * clock.factor);

  beforeAll(async () => {
    emulator = await startTestEmulator({ indexingDelayMs: 0 });
    alex = await signedInClients(emulator, ALEX);
    parent = pickCustomer(emulator, NORTHWIND, { resellerAccess: true }).organization;
    const [first] = await alex.cloudSupport.listCases(parent).toArray(1);
    caseName = first!.name!;
    classificationId = (await alex.cloudSupport.searchClassifications('').toArray(1))[0]!.id;
  });
  afterEach(() => {
    emulator.control.faults.clear();
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const routeCount = (route: string) => emulator.control.requestLog().filter((entry) => entry.route === route).length;
  const caught = async (promise: Promise<unknown>): Promise<AppError> => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
    throw new Error('expected a failure');
  };
  const draft = (title: string) => ({
    displayName: title,
    description: `Description of ${title}`,
    classificationId,
    priority: 'P2' as const,
  });

  it('retries a read through 503s with backoff and succeeds', async () => {
    emulator.control.clearRequestLog();
    emulator.control.faults.add({ route: 'cases.get', kind: '503', times: 2 });
    const { clients, clock } = hurried();
    expect((await clients.cloudSupport.getCase(caseName)).name).toBe(caseName);
    expect(routeCount('cases.get')).toBe(3);
    expect(sleeps(clock)).toEqual([1000, 1300]);
  });

  it('does not retry a read on a 500', async () => {
    emulator.control.clearRequestLog();
    emulator.control.faults.add({ route: 'cases.get', kind: '500' });
    expect((await caught(alex.cloudSupport.getCase(caseName))).code).toBe('server');
    expect(routeCount('cases.get')).toBe(1);
  });

  it('never retries a write on a 503, and says it may have committed', async () => {
    emulator.control.clearRequestLog();
    emulator.control.faults.add({ route: 'cases.create', kind: '503' });
    const error = await caught(alex.cloudSupport.createCase(parent, draft('Refused by 503')));
    expect(error.code).toBe('server');
    expect(error.detail).toMatchObject({ maybeCommitted: 'true', status: 'UNAVAILABLE' });
    expect(routeCount('cases.create')).toBe(1);
  });

  it('waits out a 429 on a read as Retry-After says, then succeeds', async () => {
    emulator.control.clearRequestLog();
    emulator.control.faults.add({ route: 'cases.get', kind: '429' });
    const { clients, clock } = hurried();
    expect((await clients.cloudSupport.getCase(caseName)).name).toBe(caseName);
    expect(routeCount('cases.get')).toBe(2);
    expect(sleeps(clock)).toEqual([30_000]);
  });

  it('does not retry a write on a 429 and reports the wait', async () => {
    emulator.control.clearRequestLog();
    emulator.control.faults.add({ route: 'cases.comments.create', kind: '429' });
    const error = await caught(alex.cloudSupport.createComment(caseName, 'Any news?'));
    expect(error.code).toBe('quota');
    expect(Number(error.detail?.retryAfterMs)).toBeGreaterThan(0);
    expect(routeCount('cases.comments.create')).toBe(1);
  });

  it('gives up on a read after 5 attempts of 503', async () => {
    emulator.control.clearRequestLog();
    emulator.control.faults.add({ route: 'cases.get', kind: '503', times: Infinity });
    const { clients, clock } = hurried();
    expect((await caught(clients.cloudSupport.getCase(caseName))).detail?.status).toBe('UNAVAILABLE');
    expect(routeCount('cases.get')).toBe(5);
    expect(sleeps(clock)).toEqual([1000, 1300, 1690, 2197]);
  });

  it('surfaces quota on a read that keeps answering 429 once the 60 s budget is spent', async () => {
    emulator.control.clearRequestLog();
    emulator.control.faults.add({ route: 'cases.get', kind: '429', times: Infinity });
    const { clients, clock } = hurried();
    const error = await caught(clients.cloudSupport.getCase(caseName));
    expect(error).toMatchObject({ code: 'quota', detail: { retryAfterMs: '30000' } });
    // One 30 s wait fits in the 60 s overall timeout; a second would not.
    expect(routeCount('cases.get')).toBe(2);
    expect(sleeps(clock)).toEqual([30_000]);
  });

  it('times out a slow answer, and is fine when the answer comes in time', async () => {
    const quick = createApiClients({
      fetch,
      endpoints: emulator.endpoints,
      tokenProvider: alex.tokenProvider,
      timeoutMs: 300,
    });
    emulator.control.faults.add({ route: 'cases.get', kind: 'latency', latencyMs: 2000 });
    expect((await caught(quick.cloudSupport.getCase(caseName))).code).toBe('timeout');
    emulator.control.faults.add({ route: 'cases.get', kind: 'latency', latencyMs: 100 });
    expect((await alex.cloudSupport.getCase(caseName)).name).toBe(caseName);
  });

  it('cancels a request in flight when the caller aborts', async () => {
    emulator.control.faults.add({ route: 'cases.get', kind: 'latency', latencyMs: 5000 });
    const controller = new AbortController();
    const pending = alex.cloudSupport.getCase(caseName, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await caught(pending)).code).toBe('cancelled');
  });

  it('retries a read whose connection dropped', async () => {
    emulator.control.clearRequestLog();
    emulator.control.faults.add({ route: 'cases.get', kind: 'drop-after-commit' });
    expect((await hurried().clients.cloudSupport.getCase(caseName)).name).toBe(caseName);
    expect(routeCount('cases.get')).toBe(2);
  });

  it('a create whose connection drops after commit fails as maybe committed, and the case is found back', async () => {
    const attemptedAt = new Date(emulator.control.clock.now() - 1000);
    emulator.control.clearRequestLog();
    emulator.control.faults.add({ route: 'cases.create', kind: 'drop-after-commit' });
    const input = draft('Dropped after commit');
    const error = await caught(alex.cloudSupport.createCase(parent, input));
    expect(error.code).toBe('offline');
    expect(error.detail?.maybeCommitted).toBe('true');
    expect(routeCount('cases.create')).toBe(1);
    const found = await alex.cloudSupport.findCreatedCase(parent, {
      displayName: input.displayName,
      description: input.description,
      creatorEmail: ALEX,
      createdAfter: attemptedAt,
    });
    expect(found?.displayName).toBe(input.displayName);
  });

  it('a create whose connection drops before commit is maybe committed too, and nothing is found back', async () => {
    emulator.control.faults.add({ route: 'cases.create', kind: 'drop-before-commit' });
    const input = draft('Dropped before commit');
    const error = await caught(alex.cloudSupport.createCase(parent, input));
    expect(error).toMatchObject({ code: 'offline', detail: { maybeCommitted: 'true' } });
    const found = await alex.cloudSupport.findCreatedCase(parent, {
      displayName: input.displayName,
      description: input.description,
      creatorEmail: ALEX,
    });
    expect(found).toBeNull();
  });

  it('says offline, not maybe committed, when the server cannot be reached at all', async () => {
    const { emulatorEndpoints } = await import('../../main/google-wire/google-types');
    const { createServer } = await import('node:net');
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const nowhere = createApiClients({
      fetch,
      endpoints: emulatorEndpoints(`http://127.0.0.1:${closedPort}`),
      tokenProvider: alex.tokenProvider,
      retryPolicy: { ...(await import('../../main/core/api/retry-policy')).GOOGLE_READ_RETRY_POLICY, maxAttempts: 1 },
    });
    const error = await caught(nowhere.cloudSupport.createCase(parent, draft('Nowhere')));
    expect(error).toMatchObject({ code: 'offline', detail: { cause: 'ECONNREFUSED' } });
    expect(error.detail?.maybeCommitted).toBeUndefined();
  });

  it('an upload whose connection drops is reported as maybe committed', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { NodeFileAccess } = await import('../../main/core/api/node-file-access');
    const dir = await mkdtemp(join(tmpdir(), 'pd-fault-'));
    try {
      const path = join(dir, 'log.txt');
      await writeFile(path, 'line\n'.repeat(1000));
      emulator.control.faults.add({ route: 'media.upload', kind: 'drop-after-commit' });
      const error = await caught(
        alex.cloudSupport.uploadAttachment(caseName, await new NodeFileAccess().openForUpload(path)),
      );
      expect(error).toMatchObject({ code: 'offline', detail: { maybeCommitted: 'true' } });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('cancels an upload mid-way, and a cancelled download leaves no file', async () => {
    const { mkdtemp, writeFile, rm, access } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { NodeFileAccess } = await import('../../main/core/api/node-file-access');
    const files = new NodeFileAccess();
    const dir = await mkdtemp(join(tmpdir(), 'pd-cancel-'));
    try {
      const path = join(dir, 'big.log');
      const size = 4 * 1024 * 1024;
      await writeFile(path, Buffer.alloc(size, 120));
      const uploadAbort = new AbortController();
      const upload = alex.cloudSupport.uploadAttachment(caseName, await files.openForUpload(path), {
        signal: uploadAbort.signal,
        onProgress: (sent) => {
          if (sent > 0) uploadAbort.abort();
        },
      });
      expect(await caught(upload)).toMatchObject({ code: 'cancelled', detail: { maybeCommitted: 'true' } });

      const attachment = await alex.cloudSupport.uploadAttachment(caseName, await files.openForUpload(path));
      const target = join(dir, 'copy.log');
      const downloadAbort = new AbortController();
      const download = alex.cloudSupport.downloadAttachment(attachment.name!, await files.createForDownload(target), {
        signal: downloadAbort.signal,
        onProgress: (received) => {
          if (received > 0) downloadAbort.abort();
        },
      });
      expect((await caught(download)).code).toBe('cancelled');
      await expect(access(target)).rejects.toThrow();
      await expect(access(`${target}.part`)).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
