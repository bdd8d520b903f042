import { parseArgs } from 'node:util';
import { startPreview } from './preview-server';

// `npm run preview`: the built renderer in your browser, the real core behind a loopback
// WebSocket, on the demo emulator. For development and tests only; never packaged.

const usage = 'usage: npm run preview -- [--port N] [--data-dir DIR]';

async function main(): Promise<void> {
  let values: { port?: string; 'data-dir'?: string };
  try {
    ({ values } = parseArgs({ options: { port: { type: 'string' }, 'data-dir': { type: 'string' } }, strict: true }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    process.exitCode = 2;
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number (0-65535), not ${values.port}\n${usage}`);
    process.exitCode = 2;
    return;
  }

  const preview = await startPreview({ port, dataDir: values['data-dir'] });
  console.log(`Partner Desk preview (demo data, emulator at ${preview.emulator.url})`);
  console.log(`Open: ${preview.url}`);
  console.log('Sign-in pages open as popups; if your browser blocks them, open the URL logged below. Ctrl+C to stop.');

  const stop = () => {
    void preview.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`The preview could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
