export interface EmulatorSettings {
  indexingDelayMs: number;
  rateLimitPerMinute: number;
  maxAttachmentBytes: number;
  accessTokenTtlSec: number;
}

export const DEFAULT_SETTINGS: EmulatorSettings = {
  indexingDelayMs: 2000,
  rateLimitPerMinute: 300,
  maxAttachmentBytes: 50 * 1024 * 1024,
  accessTokenTtlSec: 600,
};

/** Checks runtime setting changes so a typo fails loudly instead of breaking the emulator. */
export function validateSettings(patch: Partial<EmulatorSettings>): Partial<EmulatorSettings> {
  const out: Partial<EmulatorSettings> = {};
  for (const [key, value] of Object.entries(patch) as [keyof EmulatorSettings, unknown][]) {
    if (!(key in DEFAULT_SETTINGS)) throw new TypeError(`Unknown emulator setting "${key}".`);
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new TypeError(`Emulator setting "${key}" must be a finite number >= 0, got ${JSON.stringify(value)}.`);
    }
    if ((key === 'rateLimitPerMinute' || key === 'accessTokenTtlSec') && value < 1) {
      throw new TypeError(`Emulator setting "${key}" must be at least 1.`);
    }
    out[key] = value;
  }
  return out;
}
