import { describe, expect, it } from 'vitest';
import { startLoopbackRedirect } from '../../main/core/accounts/loopback-redirect';
import { systemClock } from '../../main/core/ports';
import { ManualClock } from '../helpers/manual-clock';

describe('loopback redirect listener', () => {
  it('listens on 127.0.0.1, accepts the redirect with the right state once, then closes', async () => {
    const redirect = await startLoopbackRedirect({ expectedState: 'state-123', clock: systemClock });
    expect(redirect.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const favicon = await fetch(`${redirect.redirectUri}/favicon.ico`);
    expect(favicon.status).toBe(404);
    const forged = await fetch(`${redirect.redirectUri}/?code=evil&state=other`);
    expect(forged.status).toBe(400);

    const landing = await fetch(`${redirect.redirectUri}/?code=the-code&state=state-123&scope=email`);
    expect(landing.status).toBe(200);
    expect(landing.headers.get('content-type')).toContain('text/html');
    const page = await landing.text();
    expect(page).toContain('Vous pouvez fermer cet onglet');
    expect(page).toContain('You can close this tab');
    await expect(redirect.code).resolves.toBe('the-code');
    await expect(fetch(`${redirect.redirectUri}/?code=again&state=state-123`)).rejects.toThrow();
  });

  it('reports a refusal in the browser as a cancelled sign-in', async () => {
    const redirect = await startLoopbackRedirect({ expectedState: 's', clock: systemClock });
    const landing = await fetch(`${redirect.redirectUri}/?error=access_denied&state=s`);
    expect(landing.status).toBe(200);
    await expect(redirect.code).rejects.toMatchObject({ code: 'cancelled', detail: { reason: 'access_denied' } });
  });

  it('gives up after its timeout', async () => {
    const clock = new ManualClock();
    const redirect = await startLoopbackRedirect({ expectedState: 's', clock, timeoutMs: 120_000 });
    clock.advance(119_999);
    clock.advance(1);
    await expect(redirect.code).rejects.toMatchObject({ code: 'timeout' });
    await expect(fetch(`${redirect.redirectUri}/?code=late&state=s`)).rejects.toThrow();
  });

  it('stops when its signal aborts, even before it started listening', async () => {
    const abort = new AbortController();
    const redirect = await startLoopbackRedirect({ expectedState: 's', clock: systemClock, signal: abort.signal });
    abort.abort();
    await expect(redirect.code).rejects.toMatchObject({ code: 'cancelled' });

    const early = new AbortController();
    early.abort();
    const never = await startLoopbackRedirect({ expectedState: 's', clock: systemClock, signal: early.signal });
    await expect(never.code).rejects.toMatchObject({ code: 'cancelled' });
  });
});
