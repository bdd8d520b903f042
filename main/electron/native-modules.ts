import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const nativeModulesSchema = z.object({ betterSqlite3: z.string().min(1) });

/**
 * Where `npm start` put better-sqlite3 built for Electron (build/electron-native.mjs writes
 * out/main/native-modules.json): node_modules holds the build for Node, which the tests
 * use. Packaged apps have no such file; electron-builder rebuilt node_modules for them.
 */
export function sqliteBindingFor(mainDir: string, packaged: boolean): string | undefined {
  if (packaged) return undefined;
  let recorded: unknown;
  try {
    recorded = JSON.parse(readFileSync(join(mainDir, 'native-modules.json'), 'utf8'));
  } catch {
    return undefined;
  }
  const parsed = nativeModulesSchema.safeParse(recorded);
  return parsed.success ? parsed.data.betterSqlite3 : undefined;
}
