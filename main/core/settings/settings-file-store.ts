import { closeSync, copyFileSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { ACCOUNTS_KEY } from '../accounts/account-registry';
import type { KeyValueStore, Logger, SettingsRecoverySource } from '../ports';

type Values = Record<string, unknown>;

export interface SettingsFileOptions {
  /** The settings file (`partner-desk.json`); the last-good copy and a damaged copy sit next to it. */
  path: string;
  /** Replaces the whole file at once (electron-store's atomic write in the app). */
  write(values: Values): void;
  log: Logger;
}

/**
 * The non-secret settings file, kept robust: the README invites hand edits, and a file
 * that stops parsing (empty, cut short, garbage, `null`, an `accounts` that is not a
 * list) must not drop every account. Every read goes to the file, so a good hand edit
 * takes effect; a damaged file is kept aside as `.corrupt`, the last good values come
 * back from memory or from the last-good copy (rewritten after each good read or write),
 * the file is repaired with them, and the recovery is reported once to onRecovered.
 * Reads and writes keep answering while the file is damaged.
 */
export class SettingsFileStore implements KeyValueStore {
  private values: Values = {};
  /** The file's text when last read, so an unchanged file is not parsed again. */
  private knownText: string | undefined;
  /** What the last-good copy holds (JSON), so it is rewritten only when it changes. */
  private lastGoodJson: string | undefined;
  private readonly recoveries: SettingsRecoverySource[] = [];
  private listener: ((source: SettingsRecoverySource) => void) | undefined;
  private readonly lastGoodPath: string;
  /** Whether `values` came from a good read or write (else: nothing yet, or defaults). */
  private haveGood = false;

  constructor(private readonly options: SettingsFileOptions) {
    this.lastGoodPath = lastGoodPathOf(options.path);
    this.lastGoodJson = readText(this.lastGoodPath);
    this.refresh();
  }

  get<T>(key: string): T | undefined {
    return this.refresh()[key] as T | undefined;
  }

  set<T>(key: string, value: T): void {
    const next = { ...this.refresh() };
    // As electron-store: storing "nothing" means removing the key.
    if (value === undefined) delete next[key];
    else next[key] = value;
    this.save(next);
  }

  delete(key: string): void {
    const current = this.refresh();
    if (!(key in current)) return;
    const next = { ...current };
    delete next[key];
    this.save(next);
  }

  /** Calls back for each recovery: at once for those made before, then as they happen. */
  onRecovered(listener: (source: SettingsRecoverySource) => void): void {
    this.listener = listener;
    for (const source of this.recoveries.splice(0)) listener(source);
  }

  private save(next: Values): void {
    this.options.write(next);
    // JSON round trip: what is kept in memory is what a reader of the file would get.
    this.values = JSON.parse(JSON.stringify(next)) as Values;
    this.knownText = undefined;
    this.haveGood = true;
    this.keepLastGood();
  }

  /** The current values: the file's when it reads well, else the last good ones (repairing the file). */
  private refresh(): Values {
    let text: string | undefined;
    try {
      text = readFileSync(this.options.path, 'utf8');
    } catch (error) {
      // Gone (not created yet, or deleted while running): the next write creates it again.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.options.log.warn(
          `Could not read the settings file ${this.options.path}; using the values in memory`,
          error,
        );
      }
      return this.values;
    }
    if (text === this.knownText) return this.values;
    const parsed = parseValues(text);
    if (parsed.ok) {
      this.values = parsed.values;
      this.knownText = text;
      this.haveGood = true;
      this.keepLastGood();
      return this.values;
    }
    this.recover(text, parsed.reason);
    return this.values;
  }

  private recover(damagedText: string, reason: string): void {
    const { path, log } = this.options;
    try {
      copyFileSync(path, `${path}.corrupt`);
    } catch (error) {
      log.warn('Could not keep a copy of the damaged settings file', error);
    }
    let source: SettingsRecoverySource;
    if (this.haveGood) {
      source = 'last_good'; // what was read or written last, still in memory
    } else {
      const lastGood = this.lastGoodJson === undefined ? undefined : parseValues(this.lastGoodJson);
      if (lastGood?.ok) {
        this.values = lastGood.values;
        source = 'last_good';
      } else {
        // Nothing better: keep whatever of the damaged file is still usable.
        const salvaged = salvage(damagedText);
        this.values = salvaged;
        source = 'defaults';
      }
    }
    log.error(
      `The settings file ${path} is damaged (${reason}); kept as ${path}.corrupt, restored from ${source === 'last_good' ? 'the last good copy' : 'defaults'}`,
    );
    try {
      this.save(this.values);
    } catch (error) {
      // Until the file changes again, it is this damaged text: answered from memory, told once.
      this.knownText = damagedText;
      log.error('Could not repair the settings file; the values in memory still answer', error);
    }
    this.report(source);
  }

  private keepLastGood(): void {
    const json = JSON.stringify(this.values);
    if (json === this.lastGoodJson) return;
    try {
      writeFileAtomic(this.lastGoodPath, json);
      this.lastGoodJson = json;
    } catch (error) {
      this.options.log.warn(`Could not write the last-good copy of the settings (${this.lastGoodPath})`, error);
    }
  }

  private report(source: SettingsRecoverySource): void {
    if (this.listener) this.listener(source);
    else this.recoveries.push(source);
  }
}

export function lastGoodPathOf(path: string): string {
  return path.replace(/(\.json)?$/, '.last-good.json');
}

type Parsed = { ok: true; values: Values } | { ok: false; reason: string };

/** The whole file as the app needs it: a JSON object whose `accounts`, when present, is a list. */
function parseValues(text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: text.trim() === '' ? 'empty' : `not JSON: ${(error as Error).message}` };
  }
  if (!isPlainObject(value)) return { ok: false, reason: 'not a JSON object' };
  if (ACCOUNTS_KEY in value && !Array.isArray(value[ACCOUNTS_KEY])) {
    return { ok: false, reason: `"${ACCOUNTS_KEY}" is not a list` };
  }
  return { ok: true, values: value };
}

/** Of a damaged file with no last-good copy: its other keys when it is an object, else nothing. */
function salvage(text: string): Values {
  try {
    const value: unknown = JSON.parse(text);
    if (!isPlainObject(value)) return {};
    const rest = { ...value };
    delete rest[ACCOUNTS_KEY];
    return rest;
  } catch {
    return {};
  }
}

function isPlainObject(value: unknown): value is Values {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Temp file, fsync, rename: a crash leaves the old copy or the new one, never half of one. */
export function writeFileAtomic(path: string, text: string): void {
  const temp = `${path}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}
