import type { Organization, SearchOrganizationsResponse } from '../../google-wire/google-types';
import { joinUrl, type HttpTransport } from './http-transport';
import { checkCustomerId } from './resource-names';
import type { CallOptions } from './cloud-support-client';

/**
 * Cloud Resource Manager v3, for one question: which organization belongs to a
 * Workspace customer. A reseller customer's cases live under that organization
 * (`organizations/{n}`), the Cloud Support parent.
 */
export class ResourceManagerClient {
  constructor(
    private readonly transport: HttpTransport,
    private readonly baseUrl: string,
  ) {}

  /** The customer's organization, or null when it has none visible to this user. */
  async findOrganization(customerId: string, options: CallOptions = {}): Promise<Organization | null> {
    const id = checkCustomerId(customerId);
    const response = await this.transport.json<SearchOrganizationsResponse>({
      method: 'GET',
      url: joinUrl(this.baseUrl, '/v3/organizations:search'),
      query: { query: `directorycustomerid:${id}` },
      kind: 'read',
      signal: options.signal,
    });
    return response.organizations?.find((organization) => /^organizations\/\d+$/.test(organization.name)) ?? null;
  }
}
