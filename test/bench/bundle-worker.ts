import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * Bundles a worker (a .ts file next to this one) with esbuild into test-output/bench/, inside
 * the checkout (not out/, which a build empties) so that it finds better-sqlite3 in
 * node_modules; resolves with the bundle's path.
 */
export async function bundleWorker(file: string): Promise<string> {
  const outfile = join(HERE, '..', '..', 'test-output', 'bench', file.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [join(HERE, file)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    external: ['better-sqlite3'],
    logLevel: 'warning',
  });
  return outfile;
}
