import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Case, Comment } from '../../main/google-wire/google-types';
import {
  CASE_CLASSIFICATIONS,
  DEMO_USERS,
  NORTHWIND_DOMAIN,
  startEmulator,
  type RunningEmulator,
} from '../../main/emulator';
import { ApiCaller, newCase, orgOf, startTestEmulator, type RpcErrorBody } from './helpers/emulator-kit';

const classificationId = CASE_CLASSIFICATIONS[0]!.id;
const MINUTE = 60_000;

describe('rate limit, faults and test control', () => {
  let emulator: RunningEmulator;
  let org: string;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    org = orgOf(emulator, NORTHWIND_DOMAIN, { resellerAccess: true, changedReseller: false });
  });
  afterEach(() => {
    emulator.control.reset();
    emulator.control.set({ rateLimitPerMinute: 300 });
  });
  afterAll(() => emulator.close());

  it('answers 429 RESOURCE_EXHAUSTED with QuotaFailure and Retry-After past the per-user limit', async () => {
    emulator.control.set({ rateLimitPerMinute: 5 });
    const alex = new ApiCaller(emulator, DEMO_USERS.alex);
    const claire = new ApiCaller(emulator, DEMO_USERS.claire);
    for (let i = 0; i < 5; i++) expect((await alex.get('/apps/reseller/v1/subscriptions')).status).toBe(200);
    const limited = await alex.get<RpcErrorBody>('/apps/reseller/v1/subscriptions');
    expect(limited.status).toBe(429);
    expect(limited.json.error.status).toBe('RESOURCE_EXHAUSTED');
    expect(limited.json.error.details?.map((d) => d['@type'])).toContain('type.googleapis.com/google.rpc.QuotaFailure');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await claire.get('/apps/reseller/v1/subscriptions')).status).toBe(200);
    emulator.control.clock.advance(MINUTE);
    expect((await alex.get('/apps/reseller/v1/subscriptions')).status).toBe(200);
  });

  it('injects 500 and 503 a given number of times, then serves normally', async () => {
    const alex = new ApiCaller(emulator, DEMO_USERS.alex);
    emulator.control.faults.add({ route: 'cases.list', kind: '503', times: 2 });
    emulator.control.faults.add({ route: 'subscriptions.list', kind: '500' });
    expect((await alex.get<RpcErrorBody>(`/v2/${org}/cases`)).json.error.status).toBe('UNAVAILABLE');
    expect((await alex.get(`/v2/${org}/cases`)).status).toBe(503);
    expect((await alex.get(`/v2/${org}/cases`)).status).toBe(200);
    expect((await alex.get<RpcErrorBody>('/apps/reseller/v1/subscriptions')).json.error.status).toBe('INTERNAL');
    expect((await alex.get('/apps/reseller/v1/subscriptions')).status).toBe(200);
    expect(emulator.control.requestCounts()['cases.list']).toBe(3);
  });

  it('injects 429 and latency on matching routes only', async () => {
    const alex = new ApiCaller(emulator, DEMO_USERS.alex);
    emulator.control.faults.add({ route: 'cases.*', method: 'GET', kind: 'latency', latencyMs: 20 });
    emulator.control.faults.add({ route: 'cases.get', kind: '429' });
    expect((await alex.get('/apps/reseller/v1/subscriptions')).status).toBe(200);
    const created = await alex.post<Case>(`/v2/${org}/cases`, newCase(classificationId));
    const limited = await alex.get(`/v2/${created.json.name}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeTruthy();
    expect((await alex.get(`/v2/${created.json.name}`)).status).toBe(200);
  });

  it('drops the connection before the write commits: nothing was created', async () => {
    const alex = new ApiCaller(emulator, DEMO_USERS.alex);
    const before = emulator.control.data.caseCount(NORTHWIND_DOMAIN);
    emulator.control.faults.add({ route: 'cases.create', kind: 'drop-before-commit' });
    await expect(alex.post(`/v2/${org}/cases`, newCase(classificationId))).rejects.toThrow();
    expect(emulator.control.data.caseCount(NORTHWIND_DOMAIN)).toBe(before);
    expect(emulator.control.requestLog().at(-1)).toMatchObject({ route: 'cases.create', status: 0 });
  });

  it('drops the connection after the write commits: the case exists', async () => {
    const alex = new ApiCaller(emulator, DEMO_USERS.alex);
    const before = emulator.control.data.caseCount(NORTHWIND_DOMAIN);
    emulator.control.faults.add({ route: 'cases.create', kind: 'drop-after-commit' });
    await expect(
      alex.post(`/v2/${org}/cases`, newCase(classificationId, { displayName: 'Committed but unanswered' })),
    ).rejects.toThrow();
    expect(emulator.control.data.caseCount(NORTHWIND_DOMAIN)).toBe(before + 1);
    const { json } = await alex.get<{ cases: Case[] }>(`/v2/${org}/cases`);
    expect(json.cases[0]?.displayName).toBe('Committed but unanswered');
  });

  it('maps the HTTP control surface onto the same control', async () => {
    const control = (path: string, init?: RequestInit) => fetch(`${emulator.url}/__control/${path}`, init);
    const json = (body: unknown): RequestInit => ({
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
    });
    const start = emulator.control.clock.now();
    expect(await (await control('clock', json({ advanceMs: 5000 }))).json()).toMatchObject({ nowMs: start + 5000 });
    expect(await (await control('clock', json({ set: '2026-04-01T00:00:00Z' }))).json()).toMatchObject({
      now: '2026-04-01T00:00:00.000Z',
    });

    const tokens = (await (await control('tokens', json({ email: DEMO_USERS.alex }))).json()) as {
      access_token: string;
    };
    const auth = { headers: { Authorization: `Bearer ${tokens.access_token}` } };
    expect(
      (await control('faults', json({ route: 'subscriptions.list', kind: '503', times: 'Infinity' }))).status,
    ).toBe(200);
    for (let i = 0; i < 3; i++)
      expect((await fetch(`${emulator.url}/apps/reseller/v1/subscriptions`, auth)).status).toBe(503);
    expect((await control('faults', { method: 'DELETE' })).status).toBe(200);
    expect((await fetch(`${emulator.url}/apps/reseller/v1/subscriptions`, auth)).status).toBe(200);

    const counts = (await (await control('request-counts')).json()) as Record<string, number>;
    expect(counts['subscriptions.list']).toBe(4);
    const log = (await (await control('requests')).json()) as { requests: { route: string; tokenEmail?: string }[] };
    expect(log.requests.at(-1)).toMatchObject({ route: 'subscriptions.list', tokenEmail: DEMO_USERS.alex });
    expect((await control('requests', { method: 'DELETE' })).status).toBe(200);
    expect(emulator.control.requestLog()).toEqual([]);

    const customers = (await (await control(`customers?domain=${NORTHWIND_DOMAIN}`)).json()) as {
      customers: unknown[];
    };
    expect(customers.customers).toEqual(emulator.control.data.customers(NORTHWIND_DOMAIN));
    expect(await (await control(`case-count?domain=${NORTHWIND_DOMAIN}`)).json()).toEqual({
      count: emulator.control.data.caseCount(NORTHWIND_DOMAIN),
    });
    expect(((await (await control('accounts')).json()) as { accounts: unknown[] }).accounts).toHaveLength(4);
    expect(await (await control('settings', json({ indexingDelayMs: 0 }))).json()).toMatchObject({
      indexingDelayMs: 0,
    });
    expect((await control('settings', json({ indexingDelayMs: 'soon' }))).status).toBe(400);
    expect((await control('faults', json({ kind: 'meteor' }))).status).toBe(400);
    expect((await control('reset', json({}))).status).toBe(200);
  });
});

describe('loopback only', () => {
  it('refuses a request whose Host is not a loopback name (DNS rebinding)', async () => {
    const emulator = await startEmulator({ dataset: 'empty' });
    try {
      const statusFor = (host: string) =>
        new Promise<number>((resolve, reject) => {
          const url = new URL(emulator.url);
          const req = request(
            { host: url.hostname, port: url.port, path: '/v2/caseClassifications:search', headers: { Host: host } },
            (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            },
          );
          req.on('error', reject);
          req.end();
        });
      expect(await statusFor('attacker.example')).toBe(403);
      expect(await statusFor(`localhost:${new URL(emulator.url).port}`)).toBe(401);
    } finally {
      await emulator.close();
    }
  });

  it('refuses an unknown data set on reset', async () => {
    const emulator = await startTestEmulator({ dataset: 'empty' });
    try {
      expect(() => emulator.control.reset({ scale: { customersPerDomain: -1, casesPerDomain: 5 } })).toThrow(
        /Unknown dataset/,
      );
      const response = await fetch(`${emulator.url}/__control/reset`, {
        method: 'POST',
        body: JSON.stringify({ dataset: 'huge' }),
      });
      expect(response.status).toBe(400);
    } finally {
      await emulator.close();
    }
  });
});

describe('control surface off', () => {
  it('answers 404 under /__control when control is false', async () => {
    const emulator = await startEmulator({ dataset: 'empty' });
    try {
      for (const path of ['clock', 'requests', 'accounts'])
        expect((await fetch(`${emulator.url}/__control/${path}`)).status).toBe(404);
      expect((await fetch(`${emulator.url}/__control/reset`, { method: 'POST', body: '{}' })).status).toBe(404);
      expect(emulator.control.demoAccounts()).toHaveLength(4);
    } finally {
      await emulator.close();
    }
  });
});

describe('simulated support agent on the manual clock', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator({ agent: true });
  });
  afterAll(() => emulator.close());

  it('answers new cases, asks some for information and solves them', async () => {
    const org = orgOf(emulator, NORTHWIND_DOMAIN, { resellerAccess: true, changedReseller: false });
    const alex = new ApiCaller(emulator, DEMO_USERS.alex);
    const names: string[] = [];
    for (let i = 0; i < 6; i++)
      names.push((await alex.post<Case>(`/v2/${org}/cases`, newCase(classificationId))).json.name!);
    const stateOf = async (name: string, caller = alex) => (await caller.get<Case>(`/v2/${name}`)).json.state;
    for (const name of names) expect(await stateOf(name)).toBe('NEW');

    emulator.control.clock.advance(10 * MINUTE);
    const fresh = new ApiCaller(emulator, DEMO_USERS.alex);
    for (const name of names) {
      expect(await stateOf(name, fresh)).toBe('IN_PROGRESS_GOOGLE_SUPPORT');
      const { json } = await fresh.get<{ comments: Comment[] }>(`/v2/${name}/comments`);
      expect(json.comments[0]?.creator?.googleSupport).toBe(true);
    }

    emulator.control.clock.advance(4 * 60 * MINUTE);
    const later = new ApiCaller(emulator, DEMO_USERS.alex);
    const states = await Promise.all(names.map(async (name) => (await later.get<Case>(`/v2/${name}`)).json.state));
    expect(states).toContain('ACTION_REQUIRED');
    expect(states).toContain('SOLUTION_PROVIDED');
    expect(states.every((s) => s === 'ACTION_REQUIRED' || s === 'SOLUTION_PROVIDED')).toBe(true);

    const waiting = names[states.indexOf('ACTION_REQUIRED')]!;
    await later.post(`/v2/${waiting}/comments`, { body: 'Here are the details you asked for.' });
    expect((await later.get<Case>(`/v2/${waiting}`)).json.state).toBe('IN_PROGRESS_GOOGLE_SUPPORT');
    emulator.control.clock.advance(3 * 60 * MINUTE);
    const last = new ApiCaller(emulator, DEMO_USERS.alex);
    expect((await last.get<Case>(`/v2/${waiting}`)).json.state).toBe('SOLUTION_PROVIDED');
    const { json } = await last.get<{ comments: Comment[] }>(`/v2/${waiting}/comments`);
    expect(json.comments.map((c) => c.creator?.googleSupport)).toEqual([true, false, true, true]);
  });

  it('does the same on every run (deterministic)', async () => {
    const run = async () => {
      const instance = await startTestEmulator({ agent: true });
      try {
        const org = orgOf(instance, NORTHWIND_DOMAIN, { resellerAccess: true, changedReseller: false });
        const alex = new ApiCaller(instance, DEMO_USERS.alex);
        const created = await alex.post<Case>(`/v2/${org}/cases`, newCase(classificationId));
        instance.control.clock.advance(5 * 60 * MINUTE);
        const after = new ApiCaller(instance, DEMO_USERS.alex);
        return (await after.get<Case>(`/v2/${created.json.name}`)).json;
      } finally {
        await instance.close();
      }
    };
    const [a, b] = [await run(), await run()];
    expect(a.state).toBe(b.state);
    expect(a.updateTime).toBe(b.updateTime);
  });
});
