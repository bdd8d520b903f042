import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../main/emulator';
import { FaultInjector, type FaultRule } from '../../main/emulator/faults';

/** Which of `count` requests to `route` a fresh injector with `rules` fails. */
function failures(rules: FaultRule[], count: number, route = 'cases.create'): number[] {
  const injector = new FaultInjector();
  rules.forEach((rule) => injector.add(rule));
  const hit: number[] = [];
  for (let i = 0; i < count; i += 1) if (injector.decide(route, 'POST').failure) hit.push(i);
  return hit;
}

describe('faults that hit a random share of requests', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ dataset: 'demo', control: true, agent: false });
  });
  afterAll(() => emulator.close());

  it('hits about the share asked for, the same requests for the same seed, others for another', () => {
    const rule: FaultRule = { route: 'cases.*', kind: 'drop-after-commit', probability: 0.3, seed: 7 };
    const first = failures([rule], 2_000);
    expect(first.length).toBeGreaterThan(2_000 * 0.25);
    expect(first.length).toBeLessThan(2_000 * 0.35);
    expect(failures([rule], 2_000)).toEqual(first);
    expect(failures([{ ...rule, seed: 8 }], 2_000)).not.toEqual(first);
    expect(failures([rule], 100, 'reseller.customers.get')).toEqual([]);
  });

  it('lasts until its `times` hits are spent; a latency rule adds its delay to a share only', () => {
    expect(failures([{ kind: '500', probability: 0.5, seed: 1, times: 3 }], 100)).toHaveLength(3);
    const injector = new FaultInjector();
    injector.add({ kind: 'latency', latencyMs: 40, probability: 0.5, seed: 2 });
    const delays = Array.from({ length: 400 }, () => injector.decide('cases.get', 'GET').latencyMs);
    expect(new Set(delays)).toEqual(new Set([0, 40]));
    expect(delays.filter((ms) => ms === 40).length).toBeGreaterThan(150);
  });

  it('refuses a probability outside (0, 1] and a seed that is not an integer', () => {
    const injector = new FaultInjector();
    for (const probability of [0, -0.1, 1.5, Number.NaN]) {
      expect(() => injector.add({ kind: '503', probability })).toThrow(/probability/);
    }
    expect(() => injector.add({ kind: '503', probability: 0.2, seed: 1.5 })).toThrow(/seed/);
  });

  it('takes probability and seed over the HTTP control surface', async () => {
    const add = (rule: object) =>
      fetch(`${emulator.url}/__control/faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(rule),
      });
    const refused = await add({ route: 'caseClassifications.search', kind: '503', probability: 2 });
    expect(refused.status).toBe(400);
    const added = await add({ route: 'caseClassifications.search', kind: '503', probability: 1, seed: 5 });
    expect(await added.json()).toEqual({ added: 1 });
    // probability 1 with no `times`: every matching request, until cleared.
    for (let i = 0; i < 3; i += 1) {
      const answer = await fetch(`${emulator.url}/v2/caseClassifications:search?query=`);
      expect(answer.status).toBe(503);
    }
    await fetch(`${emulator.url}/__control/faults`, { method: 'DELETE' });
  });

  it('names in the request log the fault each request got, latency included, and none for the others', async () => {
    const search = () => fetch(`${emulator.url}/v2/caseClassifications:search?query=`);
    emulator.control.clearRequestLog();
    emulator.control.faults.add({ route: 'caseClassifications.search', kind: '500' });
    await search();
    emulator.control.faults.add({ route: 'caseClassifications.search', kind: 'latency', latencyMs: 1 });
    await search();
    // No token: refused as unauthenticated, by the handler, with no fault.
    await search();
    expect(emulator.control.requestLog().map((entry) => [entry.status, entry.fault])).toEqual([
      [500, '500'],
      [401, 'latency'],
      [401, undefined],
    ]);
  });
});
