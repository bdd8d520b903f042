import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KeyValueStore } from '../../main/core/ports';

/**
 * The preview's electron-store: one JSON file, rewritten atomically (temp file + rename)
 * on every change so a killed preview never leaves half a file behind.
 */
export class JsonFileStore implements KeyValueStore {
  private readonly values: Map<string, unknown>;

  constructor(private readonly path: string) {
    this.values = new Map(Object.entries(readJsonObject(path)));
  }

  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }

  set<T>(key: string, value: T): void {
    this.values.set(key, value);
    this.flush();
  }

  delete(key: string): void {
    if (this.values.delete(key)) this.flush();
  }

  private flush(): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const temp = `${this.path}.tmp`;
    writeFileSync(temp, JSON.stringify(Object.fromEntries(this.values)));
    renameSync(temp, this.path);
  }
}

function readJsonObject(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${path} does not hold a JSON object; delete it to start afresh`);
  }
  return parsed as Record<string, unknown>;
}
