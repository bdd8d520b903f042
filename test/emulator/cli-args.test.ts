import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALE, parseCliArgs } from '../../main/emulator/cli-args';

describe('emulator CLI arguments', () => {
  it('takes --scale alone, last or before another option, as the default size', () => {
    expect(parseCliArgs(['--scale']).scale).toEqual(DEFAULT_SCALE);
    expect(parseCliArgs(['--scale', '--control'])).toEqual({ help: false, control: true, scale: DEFAULT_SCALE });
  });

  it('takes an explicit size, with a space or an equals sign', () => {
    expect(parseCliArgs(['--scale', '20x300']).scale).toEqual({ customersPerDomain: 20, casesPerDomain: 300 });
    expect(parseCliArgs(['--port', '8085', '--scale=5x7'])).toEqual({
      help: false,
      control: false,
      port: 8085,
      scale: { customersPerDomain: 5, casesPerDomain: 7 },
    });
  });

  it('refuses a malformed size or port, and unknown options', () => {
    expect(() => parseCliArgs(['--scale', 'big'])).toThrow(/--scale must look like 1000x50000/);
    expect(() => parseCliArgs(['--port', '70000'])).toThrow(/--port must be 0-65535/);
    expect(() => parseCliArgs(['--sclae'])).toThrow();
  });

  it('runs without a scale by default', () => {
    expect(parseCliArgs([])).toEqual({ help: false, control: false });
  });
});
