import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_USER_MODEL_ID, TOAST_ACTIVATOR_CLSID } from '../../main/electron/app-identity';

describe('the app identity', () => {
  it('Windows’ AppUserModelID is the installer’s appId, so toasts reach the installed app', () => {
    const config = readFileSync(join(import.meta.dirname, '../../electron-builder.yml'), 'utf8');
    expect(/^appId:\s*(\S+)\s*$/m.exec(config)?.[1]).toBe(APP_USER_MODEL_ID);
  });

  it('the toast activator is a brace-wrapped CLSID', () => {
    expect(TOAST_ACTIVATOR_CLSID).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/);
  });
});
