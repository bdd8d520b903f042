import type { Attachment, Case, ListAttachmentsResponse, ListCasesResponse } from '../../main/google-wire/google-types';
import type { RunningEmulator } from '../../main/emulator';

/**
 * One case as the emulator has it, read over its HTTP API with a token it issues for
 * the user: what the case workspace test expects after each action comes from here.
 */
export interface EmulatorCase {
  name: string;
  title: string;
  state: NonNullable<Case['state']>;
  priority: NonNullable<Case['priority']>;
  escalated: boolean;
  updateTime: string;
  subscribers: string[];
  customerDomain: string;
  premiumSupport: boolean;
}

async function getJson<T>(emulator: RunningEmulator, email: string, path: string): Promise<T> {
  const token = emulator.control.issueTokens(email).access_token;
  const response = await fetch(`${emulator.endpoints.cloudSupport}${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

function toEmulatorCase(c: Case, customer: { domain: string; premiumSupport: boolean }): EmulatorCase {
  return {
    name: c.name ?? '',
    title: c.displayName ?? '',
    state: c.state ?? 'NEW',
    priority: c.priority ?? 'P3',
    escalated: c.escalated ?? false,
    updateTime: c.updateTime ?? '',
    subscribers: c.subscriberEmailAddresses ?? [],
    customerDomain: customer.domain,
    premiumSupport: customer.premiumSupport,
  };
}

/** Every case `email` can see, with its customer's Premium support (customers with reseller access only). */
export async function casesWithCustomers(emulator: RunningEmulator, email: string): Promise<EmulatorCase[]> {
  const account = emulator.control.demoAccounts().find((a) => a.email === email);
  if (!account) throw new Error(`No demo account ${email}`);
  const cases: EmulatorCase[] = [];
  for (const customer of emulator.control.data.customers(account.domain)) {
    if (!customer.resellerAccess || customer.changedReseller) continue;
    let pageToken = '';
    do {
      const query = new URLSearchParams({ pageSize: '100', ...(pageToken ? { pageToken } : {}) });
      const page = await getJson<ListCasesResponse>(emulator, email, `/v2/${customer.organization}/cases?${query}`);
      cases.push(...(page.cases ?? []).map((c) => toEmulatorCase(c, customer)));
      pageToken = page.nextPageToken ?? '';
    } while (pageToken);
  }
  return cases;
}

export async function caseNow(emulator: RunningEmulator, email: string, name: string): Promise<EmulatorCase> {
  const account = emulator.control.demoAccounts().find((a) => a.email === email)!;
  const customer = emulator.control.data.customers(account.domain).find((c) => name.startsWith(`${c.organization}/`));
  if (!customer) throw new Error(`No customer of ${account.domain} owns ${name}`);
  return toEmulatorCase(await getJson<Case>(emulator, email, `/v2/${name}`), customer);
}

export async function attachmentsNow(emulator: RunningEmulator, email: string, name: string): Promise<Attachment[]> {
  const page = await getJson<ListAttachmentsResponse>(emulator, email, `/v2/${name}/attachments?pageSize=100`);
  return page.attachments ?? [];
}
