import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const bridgeEntry = fileURLToPath(new URL('./browser-bridge.ts', import.meta.url));

/** Bundles the browser bridge into one classic script, in memory: the preview writes nothing to out/. */
export async function bundleBrowserBridge(): Promise<string> {
  const result = await build({
    entryPoints: [bridgeEntry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome130',
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no bridge bundle');
  return file.text;
}
