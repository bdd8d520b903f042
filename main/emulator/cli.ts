import { parseArgs } from 'node:util';
import { DEMO_OAUTH_CLIENT_ID, startEmulator, type EmulatorOptions } from './index';

/**
 * `npm run emulator [-- --port 8085 --control --scale 1000x50000]`: runs the emulator
 * alone and prints what a developer needs to point the app (or curl) at it.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      control: { type: 'boolean', default: false },
      scale: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'Usage: npm run emulator -- [--port N] [--control] [--scale CUSTOMERSxCASES] (per domain, e.g. 1000x50000)\n',
    );
    return;
  }
  const options: EmulatorOptions = { control: values.control, log: (line) => process.stderr.write(`${line}\n`) };
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new Error(`--port must be 0-65535, got "${values.port}"`);
    options.port = port;
  }
  if (values.scale !== undefined) {
    const match = /^(\d+)x(\d+)$/.exec(values.scale);
    if (!match)
      throw new Error(`--scale must look like 1000x50000 (customers x cases per domain), got "${values.scale}"`);
    options.dataset = { scale: { customersPerDomain: Number(match[1]), casesPerDomain: Number(match[2]) } };
  }
  const emulator = await startEmulator(options);
  const lines = [
    `Partner Desk API emulator: ${emulator.url}`,
    `OAuth client id: ${DEMO_OAUTH_CLIENT_ID}`,
    `Control surface: ${values.control ? `${emulator.url}/__control` : 'off (use --control)'}`,
    'Demo accounts:',
    ...emulator.control
      .demoAccounts()
      .map(
        (a) =>
          `  ${a.email}  (${a.domain})  privileges: ${a.privileges.join('; ')}${a.missingPrivilege ? `  — lacks "${a.missingPrivilege}"` : ''}`,
      ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
