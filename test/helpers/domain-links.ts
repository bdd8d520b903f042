import { createServer } from 'node:net';
import type { FetchLike } from '../../main/core/ports';

/** A loopback port nobody listens on: a connection to it is refused, as by a server that is gone. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address !== 'object') throw new Error('no port');
  return address.port;
}

/**
 * Each domain's link to the server, cut or restored by a test or the preview's control:
 * a cut domain's requests go to a closed port, so they fail as real connections do
 * (ECONNREFUSED from the real fetch), while the other domains' go through untouched.
 */
export class DomainLinks {
  private readonly cut = new Set<string>();

  private constructor(private readonly deadPort: number) {}

  static async create(): Promise<DomainLinks> {
    return new DomainLinks(await closedPort());
  }

  cutOff(domain: string): void {
    this.cut.add(domain);
  }

  restore(domain: string): void {
    this.cut.delete(domain);
  }

  isCut(domain: string): boolean {
    return this.cut.has(domain);
  }

  /** `domain`'s fetch, through its link. */
  fetchFor(domain: string, fetch: FetchLike): FetchLike {
    return (input, init) => {
      if (!this.cut.has(domain)) return fetch(input, init);
      const url = new URL(input instanceof Request ? input.url : input);
      url.protocol = 'http:';
      url.host = `127.0.0.1:${this.deadPort}`;
      return fetch(input instanceof Request ? new Request(url, input) : url, init);
    };
  }
}
