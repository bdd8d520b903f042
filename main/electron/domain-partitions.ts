import type { Session } from 'electron';
import type { FetchLike } from '../core/ports';
import { AppError } from '../../shared/app-error';
import { denyAllPermissions } from './window-security';

type PartitionSession = Pick<
  Session,
  | 'fetch'
  | 'clearStorageData'
  | 'clearCache'
  | 'clearAuthCache'
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
>;

export interface DomainPartitionsDeps {
  /** session.fromPartition */
  fromPartition(partition: string): PartitionSession;
}

export interface DomainPartitions {
  fetchForDomain(domain: string): FetchLike;
  clearDomainData(domain: string): Promise<void>;
}

const DOMAIN_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** The partition holding one reseller domain's cookies, cache and auth state. */
export function partitionForDomain(domain: string): string {
  // The partition name is a storage path: only a plain lower-case domain name may go in it.
  if (typeof domain !== 'string' || !DOMAIN_NAME.test(domain)) {
    throw new AppError('invalid_argument', `Not a domain name: ${String(domain).slice(0, 80)}`, { field: 'domain' });
  }
  return `persist:domain:${domain}`;
}

/**
 * One Electron session per reseller domain, so cookies, HTTP cache, auth cache and proxy
 * state never mix between domains (docs/architecture.md: no object holds two domains).
 */
export function createDomainPartitions(deps: DomainPartitionsDeps): DomainPartitions {
  const hardened = new Set<string>();

  const sessionFor = (domain: string): PartitionSession => {
    const partition = partitionForDomain(domain);
    const session = deps.fromPartition(partition);
    if (!hardened.has(partition)) {
      denyAllPermissions(session);
      hardened.add(partition);
    }
    return session;
  };

  return {
    fetchForDomain(domain) {
      const session = sessionFor(domain);
      // session.fetch takes a string or a Request, not a URL object.
      return (input, init) => session.fetch(input instanceof URL ? input.href : input, init);
    },
    async clearDomainData(domain) {
      const session = sessionFor(domain);
      await session.clearStorageData();
      await session.clearCache();
      await session.clearAuthCache();
    },
  };
}
