import { describe, expect, it } from 'vitest';
import type { BackendConfig, OAuthClientInput } from '../../shared/model/oauth-client';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { createPartnerDeskClient } from '../../renderer/ipc/partner-desk-client';
import { createAppStores } from '../../renderer/store/app-stores';
import { createFakeBridge } from './fake-bridge';

const ID = '123456789012-abcdefghijklmnopqrstuvwxyz012345.apps.googleusercontent.com';
const SECRET = 'GOCSPX-AbCdEfGhIjKlMnOpQrStUvWx_-12';
const DEMO: BackendConfig = { kind: 'demo', source: 'none', hasClientSecret: false };

function setUp(config: BackendConfig = DEMO, refuse?: (request: OAuthClientInput) => unknown) {
  const sent: OAuthClientInput[] = [];
  const bridge = createFakeBridge({
    'backend:get': () => config,
    'backend:setOAuthClient': (request: OAuthClientInput) => {
      sent.push(request);
      const refusal = refuse?.(request);
      if (refusal) throw refusal;
      return {
        kind: 'google',
        source: 'settings',
        clientId: request.clientId.trim(),
        hasClientSecret: true,
        restarting: true,
      };
    },
    'backend:useDemo': () => ({ ...DEMO, restarting: true }),
  });
  const stores = createAppStores(createPartnerDeskClient(bridge));
  return { backend: stores.backend, sent, bridge };
}

describe('the Google connection settings store', () => {
  it('shows every field problem at once, sends nothing, and keeps what was typed', async () => {
    const { backend, sent } = setUp();
    await backend.getState().load();
    backend.getState().type('clientId', 'my-project');
    backend.getState().type('clientSecret', 'hunter2');
    expect(backend.getState().askToSave()).toBe(false);
    expect(backend.getState().problems).toEqual({ clientId: 'shape', clientSecret: 'shape' });
    expect(backend.getState().typed).toEqual({ clientId: 'my-project', clientSecret: 'hunter2' });
    expect(backend.getState().step).toBe('editing');
    expect(sent).toEqual([]);
    // Typing again in a field clears its problem only.
    backend.getState().type('clientId', ID);
    expect(backend.getState().problems).toEqual({ clientSecret: 'shape' });
  });

  it('asks for the secret of a new client, not when the saved client keeps its saved secret', async () => {
    const fresh = setUp();
    await fresh.backend.getState().load();
    fresh.backend.getState().type('clientId', ID);
    expect(fresh.backend.getState().askToSave()).toBe(false);
    expect(fresh.backend.getState().problems).toEqual({ clientSecret: 'required' });

    const saved = setUp({ kind: 'google', source: 'settings', clientId: ID, hasClientSecret: true });
    await saved.backend.getState().load();
    // The saved ID fills its field; the secret never does.
    expect(saved.backend.getState().typed).toEqual({ clientId: ID, clientSecret: '' });
    expect(saved.backend.getState().askToSave()).toBe(true);
    await saved.backend.getState().confirm();
    expect(saved.sent).toEqual([{ clientId: ID }]);
  });

  it('saves only after the confirmation, then forgets the secret and says it restarts', async () => {
    const { backend, sent } = setUp();
    await backend.getState().load();
    backend.getState().type('clientId', ` ${ID} `);
    backend.getState().type('clientSecret', SECRET);
    expect(backend.getState().askToSave()).toBe(true);
    expect(backend.getState()).toMatchObject({ step: 'confirming', pending: 'client' });
    expect(sent).toEqual([]);
    backend.getState().cancel();
    expect(backend.getState().step).toBe('editing');
    expect(backend.getState().typed.clientSecret).toBe(SECRET);

    backend.getState().askToSave();
    await backend.getState().confirm();
    expect(sent).toEqual([{ clientId: ` ${ID} `, clientSecret: SECRET }]);
    expect(backend.getState()).toMatchObject({ step: 'restarting', typed: { clientId: ID, clientSecret: '' } });
    expect(backend.getState().config).toMatchObject({ kind: 'google', hasClientSecret: true });
  });

  it("shows the core's refusal of a field on that field, what was typed kept", async () => {
    const { backend } = setUp(DEMO, () => ({
      code: 'bad_request',
      message: 'Invalid backend:setOAuthClient request: clientSecret: not an OAuth client secret',
      detail: { field: 'clientSecret' },
    }));
    await backend.getState().load();
    backend.getState().type('clientId', ID);
    backend.getState().type('clientSecret', SECRET);
    backend.getState().askToSave();
    await backend.getState().confirm();
    expect(backend.getState()).toMatchObject({
      step: 'editing',
      problems: { clientSecret: 'shape' },
      error: null,
      typed: { clientId: ID, clientSecret: SECRET },
    });
  });

  it('shows any other failure (the keychain refused) as an error, nothing typed lost', async () => {
    const { backend } = setUp(DEMO, () => ({ code: 'internal', message: 'Secret Service unavailable' }));
    await backend.getState().load();
    backend.getState().type('clientId', ID);
    backend.getState().type('clientSecret', SECRET);
    backend.getState().askToSave();
    await backend.getState().confirm();
    expect(backend.getState()).toMatchObject({
      step: 'editing',
      error: { code: 'internal' },
      typed: { clientId: ID, clientSecret: SECRET },
    });
  });

  it('goes back to the demo after its own confirmation', async () => {
    const { backend, bridge } = setUp({ kind: 'google', source: 'settings', clientId: ID, hasClientSecret: true });
    await backend.getState().load();
    backend.getState().askToUseDemo();
    expect(backend.getState().pending).toBe('demo');
    await backend.getState().confirm();
    expect(bridge.calls.map((call) => call.channel)).toContain('backend:useDemo');
    expect(backend.getState()).toMatchObject({ step: 'restarting', config: { kind: 'demo' } });
  });

  it('words every problem of every field in English and French', () => {
    for (const catalog of [en, fr]) {
      for (const field of ['clientId', 'clientSecret'] as const) {
        for (const problem of ['required', 'shape', 'too_long'] as const) {
          expect(catalog.googleConnection.problems[field][problem]).toMatch(/\S/);
        }
      }
    }
    expect(fr.googleConnection.problems.clientId.shape).not.toBe(en.googleConnection.problems.clientId.shape);
  });
});
