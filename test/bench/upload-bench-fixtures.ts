import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { createApiClients } from '../../main/core/api/api-client';
import { NORTHWIND_DOMAIN, type startEmulator } from '../../main/emulator';

const MB = 1024 * 1024;

/** A file of `megabytes` random-looking bytes, written 1 MB at a time. */
export async function writeRandomFile(path: string, megabytes: number): Promise<void> {
  const handle = await open(path, 'w');
  try {
    const block = randomBytes(MB);
    for (let i = 0; i < megabytes; i++) await handle.write(block);
  } finally {
    await handle.close();
  }
}

/** Files a case for the first Northwind customer with reseller access, to upload to; returns its name. */
export async function newUploadCase(
  emulator: Awaited<ReturnType<typeof startEmulator>>,
  accessToken: string,
  text: { displayName: string; description: string },
): Promise<string> {
  const { cloudSupport, resourceManager } = createApiClients({
    fetch,
    endpoints: emulator.endpoints,
    tokenProvider: { getAccessToken: async () => accessToken, invalidate: () => undefined },
  });
  const customer = emulator.control.data.customers(NORTHWIND_DOMAIN).find((c) => c.resellerAccess);
  if (!customer) throw new Error('The demo data set has no customer with reseller access.');
  const organization = await resourceManager.findOrganization(customer.customerId);
  if (!organization) throw new Error(`No organization for ${customer.customerId}.`);
  const [classification] = await cloudSupport.searchClassifications('').toArray(1);
  if (!classification) throw new Error('The emulator has no case classification.');
  const created = await cloudSupport.createCase(organization.name, {
    ...text,
    classificationId: classification.id,
    priority: 'P4',
  });
  if (!created.name) throw new Error('The created case has no name.');
  return created.name;
}
