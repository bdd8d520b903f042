import { startEmulator } from '../../main/emulator';
import { googleClients, type GoogleClients } from './google-clients';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;
export type CustomerFacts = ReturnType<Emulator['control']['data']['customers']>[number];

export const NORTHWIND = 'northwind-reseller.example';
export const LUMIERE = 'revendeur-lumiere.example';
export const USERS = {
  alex: `alex.morgan@${NORTHWIND}`,
  sam: `sam.lee@${NORTHWIND}`,
  claire: `claire.dubois@${LUMIERE}`,
  hugo: `hugo.martin@${LUMIERE}`,
} as const;

/**
 * A demo emulator for a contract suite: no indexing delay (search sees a new case at
 * once), no simulated agent (states change only through the calls under test), a
 * rate limit no suite reaches.
 */
export async function startContractEmulator(): Promise<Emulator> {
  return startEmulator({ dataset: 'demo', indexingDelayMs: 0, agent: false, rateLimitPerMinute: 100_000 });
}

export function clientsFor(emulator: Emulator, email: string): GoogleClients {
  return googleClients(emulator.url, emulator.control.issueTokens(email));
}

/** The first customer of a domain with the given facts; fails loudly if the demo data has none. */
export function customerWhere(
  emulator: Emulator,
  domain: string,
  wanted: Partial<Omit<CustomerFacts, 'customerId' | 'domain' | 'organization'>>,
): CustomerFacts {
  const found = emulator.control.data
    .customers(domain)
    .find((customer) => Object.entries(wanted).every(([key, value]) => customer[key as keyof CustomerFacts] === value));
  if (!found) throw new Error(`The demo data of ${domain} has no customer with ${JSON.stringify(wanted)}.`);
  return found;
}

/** `organizations/{n}` of a Workspace customer, found the way the app finds it: organizations.search. */
export async function organizationOf(clients: GoogleClients, customerId: string): Promise<string> {
  const { data } = await clients.resourceManager.organizations.search({ query: `directorycustomerid:${customerId}` });
  const name = data.organizations?.[0]?.name;
  if (!name) throw new Error(`organizations.search found no organization for customer ${customerId}.`);
  return name;
}
