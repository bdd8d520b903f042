import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFileLogger } from '../../main/electron/logger';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pd-log-'));
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe('file logger', () => {
  it('appends one line per entry, in order, with level, data and stack', async () => {
    const file = join(dir, 'logs', 'main.log');
    const log = createFileLogger(file);
    log.info('started', { backend: 'demo' });
    log.warn('slow');
    log.error('failed', new Error('boom'));
    await vi.waitFor(() => expect(readFileSync(file, 'utf8')).toMatch(/boom/));
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\S+Z INFO started \{"backend":"demo"\}$/);
    expect(lines[1]).toMatch(/ WARN slow$/);
    expect(lines[2]).toMatch(/ ERROR failed Error: boom/);
  });

  it('starts a new file when the last one grew too large, keeping one old copy', async () => {
    const file = join(dir, 'main.log');
    writeFileSync(file, 'x'.repeat(6 * 1024 * 1024));
    const log = createFileLogger(file);
    log.info('fresh');
    await vi.waitFor(() => expect(readFileSync(file, 'utf8')).toMatch(/fresh/));
    expect(statSync(file).size).toBeLessThan(1000);
    expect(statSync(`${file}.old`).size).toBe(6 * 1024 * 1024);
  });

  it('never throws when the log cannot be written', () => {
    writeFileSync(join(dir, 'blocker'), '');
    const log = createFileLogger(join(dir, 'blocker', 'main.log'));
    expect(() => log.error('still fine', { circular: undefined })).not.toThrow();
  });
});
