import { startEmulator } from '../../../main/emulator';

export type TestEmulator = Awaited<ReturnType<typeof startEmulator>>;
type EmulatorOptions = Parameters<typeof startEmulator>[0];
type CustomerFacts = ReturnType<TestEmulator['control']['data']['customers']>[number];

export const NORTHWIND = 'northwind-reseller.example';
export const LUMIERE = 'revendeur-lumiere.example';
export const ALEX = `alex.morgan@${NORTHWIND}`;
export const SAM = `sam.lee@${NORTHWIND}`;
export const CLAIRE = `claire.dubois@${LUMIERE}`;
export const HUGO = `hugo.martin@${LUMIERE}`;

/** The demo data set with test control on and the simulated agent off (nothing changes behind a test's back). */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  return startEmulator({ dataset: 'demo', control: true, agent: false, ...options });
}

/** The first customer of `domain` matching `want` (e.g. `{ resellerAccess: false }`). */
export function pickCustomer(emulator: TestEmulator, domain: string, want: Partial<CustomerFacts> = {}): CustomerFacts {
  const found = emulator.control.data
    .customers(domain)
    .find((customer) => Object.entries(want).every(([key, value]) => customer[key as keyof CustomerFacts] === value));
  if (!found) throw new Error(`The demo data of ${domain} has no customer with ${JSON.stringify(want)}.`);
  return found;
}
