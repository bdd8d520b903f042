import type { Clock, FetchLike, TokenProvider } from '../ports';
import { CloudSupportClient } from './cloud-support-client';
import type { ApiEndpoints } from '../../google-wire/google-types';
import { HttpTransport } from './http-transport';
import { ResellerClient } from './reseller-client';
import { ResourceManagerClient } from './resource-manager-client';
import type { RetryPolicy } from './retry-policy';

export interface ApiClientsOptions {
  /** The domain's own fetch (its Electron session in the app). */
  fetch: FetchLike;
  endpoints: ApiEndpoints;
  tokenProvider: TokenProvider;
  clock?: Clock;
  retryPolicy?: RetryPolicy;
  /** Per-attempt timeout of JSON calls. */
  timeoutMs?: number;
}

export interface ApiClients {
  cloudSupport: CloudSupportClient;
  reseller: ResellerClient;
  resourceManager: ResourceManagerClient;
}

/** The API clients of one signed-in domain, sharing one transport. */
export function createApiClients(options: ApiClientsOptions): ApiClients {
  const transport = new HttpTransport(options);
  return {
    cloudSupport: new CloudSupportClient(transport, options.endpoints.cloudSupport),
    reseller: new ResellerClient(transport, options.endpoints.reseller),
    resourceManager: new ResourceManagerClient(transport, options.endpoints.resourceManager),
  };
}
