import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/app-error';
import { createOpenExternalGuard, isAllowedExternalUrl } from '../../main/electron/open-external-guard';
import { silentLog } from './silent-log';

const DEMO_AUTHORIZE = 'http://127.0.0.1:43123/o/oauth2/v2/auth';
const GOOGLE_AUTHORIZE = 'https://accounts.google.com/o/oauth2/v2/auth';

function guard(authorizeEndpoint = DEMO_AUTHORIZE) {
  const opened: string[] = [];
  const log = silentLog();
  const openExternal = createOpenExternalGuard({
    openExternal: async (url) => {
      opened.push(url);
    },
    authorizeEndpoint,
    log,
  });
  return { openExternal, opened, log };
}

describe('open-external guard', () => {
  it('opens https URLs', async () => {
    const { openExternal, opened } = guard(GOOGLE_AUTHORIZE);
    await openExternal('https://support.google.com/channelservices/answer/6182474?hl=fr');
    await openExternal(`${GOOGLE_AUTHORIZE}?client_id=x&code_challenge=y`);
    expect(opened).toHaveLength(2);
  });

  it("opens the demo emulator's loopback sign-in page, at exactly its origin and path", async () => {
    const { openExternal, opened } = guard();
    await openExternal(`${DEMO_AUTHORIZE}?client_id=demo&hd=northwind-reseller.example&state=s`);
    expect(opened).toHaveLength(1);
    for (const url of [
      'http://127.0.0.1:43123/token',
      'http://127.0.0.1:43124/o/oauth2/v2/auth',
      'http://localhost:43123/o/oauth2/v2/auth',
      'http://127.0.0.1:43123/o/oauth2/v2/auth/../../../admin',
      'http://127.0.0.1:43123/o/oauth2/v2/authx',
    ]) {
      expect(isAllowedExternalUrl(url, DEMO_AUTHORIZE), url).toBe(false);
    }
  });

  it.each([
    'http://example.com/',
    'http://127.0.0.1:43123/o/oauth2/v2/auth',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'smb://attacker.example/share',
    'ms-msdt:/id PCWDiagnostic',
    'vbscript:msgbox',
    'app://partner-desk/index.html',
    'https://user:pass@evil.example/',
    'not a url',
    '',
  ])('refuses %s with a clear error, and logs it', async (url) => {
    const { openExternal, opened, log } = guard(GOOGLE_AUTHORIZE);
    const error = await openExternal(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_argument');
    expect((error as AppError).message).toMatch(/only opens https/);
    expect(opened).toEqual([]);
    expect(log.warn).toHaveBeenCalled();
  });

  it('refuses non-strings without throwing synchronously', async () => {
    const { openExternal } = guard();
    await expect(openExternal(42 as unknown as string)).rejects.toBeInstanceOf(AppError);
  });

  it('rejects a malformed authorize endpoint at construction', () => {
    expect(() =>
      createOpenExternalGuard({ openExternal: vi.fn(), authorizeEndpoint: 'nope', log: silentLog() }),
    ).toThrow();
  });
});
