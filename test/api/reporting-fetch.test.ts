import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportingFetch } from '../../main/core/api/reporting-fetch';
import { closedPort } from '../helpers/domain-links';

/** A loopback server answering 500 on /fail, never answering on /hang. */
let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/fail') response.writeHead(500).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function recorded() {
  const reports: string[] = [];
  const fetch = reportingFetch(globalThis.fetch, {
    reportReachable: () => reports.push('reachable'),
    reportUnreachable: () => reports.push('unreachable'),
  });
  return { fetch, reports };
}

describe('reportingFetch', () => {
  it('an HTTP answer of any status is reachable', async () => {
    const { fetch, reports } = recorded();
    expect((await fetch(`${base}/fail`)).status).toBe(500);
    expect(reports).toEqual(['reachable']);
  });

  it('a refused connection is unreachable, and the error still reaches the caller', async () => {
    const { fetch, reports } = recorded();
    await expect(fetch(`http://127.0.0.1:${await closedPort()}/`)).rejects.toThrow();
    expect(reports).toEqual(['unreachable']);
  });

  it("an attempt's timeout is unreachable; the caller's own cancel proves nothing", async () => {
    const { fetch, reports } = recorded();
    const timeout = new AbortController();
    const timedOut = fetch(`${base}/hang`, { signal: timeout.signal });
    timeout.abort(new DOMException('The server took too long to answer.', 'TimeoutError'));
    await expect(timedOut).rejects.toThrow();
    expect(reports).toEqual(['unreachable']);

    const cancel = new AbortController();
    const cancelled = fetch(`${base}/hang`, { signal: cancel.signal });
    cancel.abort();
    await expect(cancelled).rejects.toThrow();
    expect(reports).toEqual(['unreachable']);
  });
});
