import { startEmulator } from '../../main/emulator';
import type { SearchCasesResponse, SearchOrganizationsResponse } from '../../main/google-wire/google-types';
import { median, percentile } from './emulator-timing-stats';

/**
 * cases.search at scale: the emulator generates 1,000 customers and 50,000 cases for
 * each reseller domain, then one user of a domain searches with keyword + state +
 * priority over loopback HTTP (fetch, keep-alive, one request at a time).
 *
 * Cases live under each customer's organization and the API has no parent spanning a
 * reseller's customers (`organizations/-` is not a Cloud Support parent), so two
 * things are measured, both after a warm-up pass (the emulator builds the comments of
 * generated cases lazily, on their first keyword search; firstSearchMs and
 * domainColdMs show that one-off cost):
 * - medianMs / p95Ms: one search under one customer's organization (RUNS runs, each on
 *   another organization), what the app does for "My customers → one customer";
 * - domainMedianMs / domainP95Ms: the same search under every organization of the
 *   domain the user can search (customers without reseller access answer 403 and are
 *   skipped, as the app skips them), every page fetched, one after another — the
 *   aggregate cost of "My cases" over the domain's 50,000 cases (DOMAIN_RUNS runs);
 * - domainParallelMedianMs: the same with APP_CONCURRENCY searches in flight, as the
 *   app's sync pass runs them (DEFAULT_SYNC_CONCURRENCY).
 */
export interface CasesSearchFigures {
  /** Cases the domain owns in the data set (emulator control count). */
  cases: number;
  /** Of those, the cases under organizations the user can search (an empty query over each). */
  searchableCases: number;
  /** Organizations searched (customers with reseller access) out of customersPerDomain. */
  organizations: number;
  generateMs: number;
  medianMs: number;
  p95Ms: number;
  firstSearchMs: number;
  domainColdMs: number;
  domainMedianMs: number;
  domainP95Ms: number;
  domainParallelMedianMs: number;
  /** Cases matching the query across the domain, for the record. */
  domainMatches: number;
}

const CUSTOMERS_PER_DOMAIN = 1000;
const CASES_PER_DOMAIN = 50_000;
const RUNS = 30;
const DOMAIN_RUNS = 5;
const USER = 'alex.morgan@northwind-reseller.example';
const DOMAIN = 'northwind-reseller.example';
const QUERY = '"password" AND state=OPEN AND priority=P2';
const PAGE_SIZE = 100;
const APP_CONCURRENCY = 4;

export async function benchCasesSearch(): Promise<CasesSearchFigures> {
  const generateStarted = performance.now();
  const emulator = await startEmulator({
    dataset: { scale: { customersPerDomain: CUSTOMERS_PER_DOMAIN, casesPerDomain: CASES_PER_DOMAIN } },
    rateLimitPerMinute: 10_000_000,
    indexingDelayMs: 0,
    agent: false,
  });
  const generateMs = performance.now() - generateStarted;
  try {
    const { access_token: token } = emulator.control.issueTokens(USER);
    const searchable = emulator.control.data.customers(DOMAIN).filter((customer) => customer.resellerAccess);
    const organizations: string[] = [];
    for (const customer of searchable)
      organizations.push(await organizationOf(emulator.url, token, customer.customerId));
    const search = (parent: string, query: string): Promise<number> => searchAll(emulator.url, token, parent, query);
    const searchDomain = async (query: string, inFlight = 1): Promise<number> => {
      let matched = 0;
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < organizations.length) {
          const found = await search(organizations[next++]!, query);
          matched += found;
        }
      };
      await Promise.all(Array.from({ length: inFlight }, worker));
      return matched;
    };

    const firstStarted = performance.now();
    await search(organizations[0]!, QUERY);
    const firstSearchMs = performance.now() - firstStarted;
    const coldStarted = performance.now();
    await searchDomain(QUERY);
    const domainColdMs = performance.now() - coldStarted;

    const perOrg: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const parent = organizations[(run * 31 + 1) % organizations.length]!;
      const started = performance.now();
      await search(parent, QUERY);
      perOrg.push(performance.now() - started);
    }

    const perDomain: number[] = [];
    let domainMatches = 0;
    for (let run = 0; run < DOMAIN_RUNS; run += 1) {
      const started = performance.now();
      domainMatches = await searchDomain(QUERY);
      perDomain.push(performance.now() - started);
    }

    const parallel: number[] = [];
    for (let run = 0; run < DOMAIN_RUNS; run += 1) {
      const started = performance.now();
      await searchDomain(QUERY, APP_CONCURRENCY);
      parallel.push(performance.now() - started);
    }

    return {
      cases: emulator.control.data.caseCount(DOMAIN),
      searchableCases: await searchDomain(''),
      organizations: organizations.length,
      generateMs,
      medianMs: median(perOrg),
      p95Ms: percentile(perOrg, 0.95),
      firstSearchMs,
      domainColdMs,
      domainMedianMs: median(perDomain),
      domainP95Ms: percentile(perDomain, 0.95),
      domainParallelMedianMs: median(parallel),
      domainMatches,
    };
  } finally {
    await emulator.close();
  }
}

async function getJson<T>(url: URL, token: string): Promise<T> {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${url.pathname} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** organizations/{n} of a customer, the way the app finds it (organizations.search). */
async function organizationOf(origin: string, token: string, customerId: string): Promise<string> {
  const url = new URL('/v3/organizations:search', origin);
  url.searchParams.set('query', `directorycustomerid:${customerId}`);
  const { organizations } = await getJson<SearchOrganizationsResponse>(url, token);
  const name = organizations?.[0]?.name;
  if (!name) throw new Error(`No organization for customer ${customerId}.`);
  return name;
}

/** Every page of cases.search under one parent; returns how many cases matched. */
async function searchAll(origin: string, token: string, parent: string, query: string): Promise<number> {
  let matched = 0;
  let pageToken = '';
  do {
    const url = new URL(`/v2/${parent}/cases:search`, origin);
    url.searchParams.set('query', query);
    url.searchParams.set('pageSize', String(PAGE_SIZE));
    if (pageToken) url.searchParams.set('pageToken', pageToken);
    const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    if (!response.ok)
      throw new Error(`cases.search under ${parent} answered ${response.status}: ${await response.text()}`);
    const page = (await response.json()) as SearchCasesResponse;
    matched += page.cases?.length ?? 0;
    pageToken = page.nextPageToken ?? '';
  } while (pageToken);
  return matched;
}
