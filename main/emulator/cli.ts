import { CLI_USAGE, parseCliArgs } from './cli-args';
import { DEMO_OAUTH_CLIENT_ID, startEmulator, type EmulatorOptions } from './index';

/**
 * `npm run emulator [-- --port 8085 --control --scale [1000x50000]]`: runs the emulator
 * alone and prints what a developer needs to point the app (or curl) at it.
 */
async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(CLI_USAGE);
    return;
  }
  const options: EmulatorOptions = { control: args.control, log: (line) => process.stderr.write(`${line}\n`) };
  if (args.port !== undefined) options.port = args.port;
  if (args.scale) options.dataset = { scale: args.scale };
  const emulator = await startEmulator(options);
  const lines = [
    `Partner Desk API emulator: ${emulator.url}`,
    `OAuth client id: ${DEMO_OAUTH_CLIENT_ID}`,
    `Control surface: ${args.control ? `${emulator.url}/__control` : 'off (use --control)'}`,
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
