import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CACHE_FORMAT,
  cacheFilePath,
  readCacheFile,
  removeCacheFiles,
  type CacheSnapshot,
  type LegacyCachedCase,
} from '../../main/core/cases/cache-file';
import { customer, detail, DOMAIN } from './helpers/synthetic-cases';

/** The old app's writer, as it laid the file out (the app now only reads such files, once). */
async function writeCacheFile(file: string, snapshot: CacheSnapshot): Promise<void> {
  const { cases, ...rest } = snapshot;
  const lines = [JSON.stringify({ ...rest, caseCount: cases.length }), ...cases.map((entry) => JSON.stringify(entry))];
  await writeFile(file, `${lines.join('\n')}\n`);
}

const cached = (n: number): LegacyCachedCase => ({
  threadLoaded: n % 2 === 0,
  detail: detail(n, 1, { title: `Case ${n} — défaillance`, description: `Description of case ${n}\non two lines` }),
});

const snapshotOf = (count: number): CacheSnapshot => ({
  format: CACHE_FORMAT,
  domain: DOMAIN,
  lastSyncedAt: '2026-03-02T09:00:00.000Z',
  cursors: { 'organizations/1001': '2026-01-02T00:00:00Z' },
  customers: [{ ...customer(1), caseCount: count }],
  cases: Array.from({ length: count }, (_, n) => cached(n)),
});

describe('old cache file (read once, to move it into the database)', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'partner-desk-cache-file-'));
    file = cacheFilePath(dir, DOMAIN);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads every case of a file, one case per line', async () => {
    const snapshot = snapshotOf(1_203);
    await writeCacheFile(file, snapshot);
    expect((await readFile(file, 'utf8')).split('\n')).toHaveLength(1 + 1_203 + 1);
    expect(await readCacheFile(file, DOMAIN)).toEqual({ kind: 'loaded', snapshot, skipped: 0 });
  });

  it('removes the file and the temp files interrupted saves left, and nothing else', async () => {
    await writeCacheFile(file, snapshotOf(1));
    const base = path.basename(file);
    for (const name of [
      `${base}.41.1700000000000.tmp`,
      `${base}.42.1700000000001.tmp`,
      `${base}.bak`,
      'cases-other.example.json.1.2.tmp',
    ]) {
      await writeFile(path.join(dir, name), 'x');
    }
    await removeCacheFiles(file);
    expect((await readdir(dir)).sort()).toEqual([`${base}.bak`, 'cases-other.example.json.1.2.tmp']);
    await removeCacheFiles(path.join(dir, 'missing', 'cases-x.json'));
  });

  it('reports a missing file, and a file of another domain, format or shape as corrupt', async () => {
    expect(await readCacheFile(file, DOMAIN)).toEqual({ kind: 'missing' });
    await writeCacheFile(file, snapshotOf(2));
    expect(await readCacheFile(file, 'other.example')).toMatchObject({ kind: 'corrupt' });
    // The former single-JSON format is not read: sync refills the cache.
    const { cases, ...rest } = snapshotOf(2);
    await writeFile(file, JSON.stringify({ ...rest, format: 1, cases }));
    expect(await readCacheFile(file, DOMAIN)).toMatchObject({ kind: 'corrupt' });
    for (const content of ['', '\n', '{"format":2', '[1,2]\n']) {
      await writeFile(file, content);
      expect(await readCacheFile(file, DOMAIN)).toMatchObject({ kind: 'corrupt' });
    }
    await rm(file);
    await writeFile(path.join(dir, 'x'), '');
    expect(await readCacheFile(dir, DOMAIN)).toMatchObject({ kind: 'corrupt' });
  });

  it('skips a damaged case line and keeps the others', async () => {
    await writeCacheFile(file, snapshotOf(5));
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines[2] = lines[2]!.slice(0, 40);
    lines[4] = JSON.stringify({ detail: { ...cached(3).detail, domain: 'other.example' }, threadLoaded: false });
    await writeFile(file, lines.join('\n'));
    const result = await readCacheFile(file, DOMAIN);
    expect(result).toMatchObject({ kind: 'loaded', skipped: 2 });
    expect(result.kind === 'loaded' && result.snapshot.cases.map((entry) => entry.detail.name)).toEqual(
      [0, 2, 4].map((n) => cached(n).detail.name),
    );
  });

  it('keeps the cases before the cut of a truncated file, counting the rest as skipped', async () => {
    await writeCacheFile(file, snapshotOf(10));
    const text = await readFile(file, 'utf8');
    const cut = text.split('\n').slice(0, 4).join('\n').length + 30;
    await writeFile(file, text.slice(0, cut));
    const result = await readCacheFile(file, DOMAIN);
    expect(result).toMatchObject({ kind: 'loaded', skipped: 7 });
    expect(result.kind === 'loaded' && result.snapshot.cases).toHaveLength(3);
  });

  it('lets other callbacks run between its slices while it reads 20,000 cases', async () => {
    const snapshot = snapshotOf(20_000);
    let ticks = 0;
    let done = false;
    const tick = () => {
      if (done) return;
      ticks += 1;
      setImmediate(tick);
    };
    /** Ticks that ran between the first and the last call of `method` during `work`. */
    const interleavings = async (method: 'parse', work: () => Promise<unknown>) => {
      const original = JSON[method] as (...args: unknown[]) => unknown;
      const ticksAtCalls: number[] = [];
      const spy = vi.spyOn(JSON, method).mockImplementation((...args: unknown[]) => {
        ticksAtCalls.push(ticks);
        return original.apply(JSON, args) as never;
      });
      done = false;
      setImmediate(tick);
      try {
        await work();
      } finally {
        done = true;
        spy.mockRestore();
      }
      return ticksAtCalls.at(-1)! - ticksAtCalls[0]!;
    };
    await writeCacheFile(file, snapshot);
    // One JSON.parse of everything would leave no room for a tick.
    expect(await interleavings('parse', () => readCacheFile(file, DOMAIN))).toBeGreaterThan(0);
  });
});
