import { parseArgs } from 'node:util';

/** `--scale` alone: the size the README and the benches use, per domain. */
export const DEFAULT_SCALE = { customersPerDomain: 1_000, casesPerDomain: 50_000 } as const;

export interface CliArgs {
  help: boolean;
  control: boolean;
  port?: number;
  scale?: { customersPerDomain: number; casesPerDomain: number };
}

export const CLI_USAGE =
  'Usage: npm run emulator -- [--port N] [--control] [--scale [CUSTOMERSxCASES]] (per domain; --scale alone: 1000x50000)\n';

/** The emulator CLI's arguments; throws with the reason on a bad one. */
export function parseCliArgs(args: string[]): CliArgs {
  // parseArgs has no optional values: a bare --scale (last, or before another option) gets the default.
  const normalized = args.flatMap((arg, i) =>
    arg === '--scale' && (i === args.length - 1 || args[i + 1]!.startsWith('-'))
      ? [`--scale=${DEFAULT_SCALE.customersPerDomain}x${DEFAULT_SCALE.casesPerDomain}`]
      : [arg],
  );
  const { values } = parseArgs({
    args: normalized,
    options: {
      port: { type: 'string' },
      control: { type: 'boolean', default: false },
      scale: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const parsed: CliArgs = { help: values.help, control: values.control };
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new Error(`--port must be 0-65535, got "${values.port}"`);
    }
    parsed.port = port;
  }
  if (values.scale !== undefined) {
    const match = /^(\d+)x(\d+)$/.exec(values.scale);
    if (!match) {
      throw new Error(`--scale must look like 1000x50000 (customers x cases per domain), got "${values.scale}"`);
    }
    parsed.scale = { customersPerDomain: Number(match[1]), casesPerDomain: Number(match[2]) };
  }
  return parsed;
}
