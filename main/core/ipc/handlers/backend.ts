import { AppError } from '../../../../shared/app-error';
import type { InvokeHandlers } from '../../../../shared/ipc/contract';
import type { BackendConfig } from '../../../../shared/model/oauth-client';
import type { Logger, RestartApp } from '../../ports';
import { backendIdentity, type OAuthClientSettings } from '../../settings/oauth-client-settings';

export interface RunningBackend {
  kind: 'demo' | 'google';
  /** Where the running client came from: the environment wins over the settings. */
  source: BackendConfig['source'];
  oauthClientId: string;
  oauthClientSecret?: string;
}

export interface BackendHandlersDeps {
  running: RunningBackend;
  saved: Pick<OAuthClientSettings, 'read' | 'save' | 'clear'>;
  /** Signs every domain out on the backend they were signed in on (revoking its tokens), keeping their data. */
  leaveBackend(): Promise<void>;
  restartApp: RestartApp;
  log: Pick<Logger, 'info'>;
}

/** Google connection settings: the partner's own OAuth client, or the demo backend; a change restarts the app. */
export function backendHandlers(
  deps: BackendHandlersDeps,
): Pick<InvokeHandlers, 'backend:get' | 'backend:setOAuthClient' | 'backend:useDemo'> {
  const { running } = deps;
  const refuseWhenEnvironmentSets = () => {
    if (running.source === 'env') {
      throw new AppError(
        'failed_precondition',
        'PARTNER_DESK_OAUTH_CLIENT_ID is set in the environment: it chooses the OAuth client.',
        { reason: 'set_by_environment' },
      );
    }
  };
  const describe = async (): Promise<BackendConfig> => {
    if (running.source === 'env') {
      return {
        kind: 'google',
        source: 'env',
        clientId: running.oauthClientId,
        hasClientSecret: running.oauthClientSecret !== undefined,
      };
    }
    const saved = await deps.saved.read();
    return saved
      ? {
          kind: 'google',
          source: 'settings',
          clientId: saved.clientId,
          hasClientSecret: saved.clientSecret !== undefined,
        }
      : { kind: 'demo', source: 'none', hasClientSecret: false };
  };
  /**
   * The domains signed in now belong to the running backend: when the next one differs,
   * they are signed out on this one (its tokens revoked where they were issued), never
   * restored against the other; their drafts and outbox stay for their next sign-in.
   */
  const leave = async (next: string) => {
    if (backendIdentity(running.kind, running.oauthClientId) !== next) await deps.leaveBackend();
  };

  return {
    'backend:get': describe,
    'backend:setOAuthClient': async ({ clientId, clientSecret }) => {
      refuseWhenEnvironmentSets();
      if (clientSecret === undefined) {
        const saved = await deps.saved.read();
        // Google's token endpoint refuses a Desktop client without its secret; another client's secret is no use.
        if (saved?.clientId !== clientId || saved.clientSecret === undefined) {
          throw new AppError('invalid_argument', 'Enter the client secret of this OAuth client.', {
            field: 'clientSecret',
            reason: 'required',
          });
        }
      }
      await deps.saved.save(clientId, clientSecret);
      await leave(backendIdentity('google', clientId));
      deps.log.info('Saved an OAuth client of Google; restarting on it', { secretChanged: clientSecret !== undefined });
      deps.restartApp();
      return { ...(await describe()), restarting: true };
    },
    'backend:useDemo': async () => {
      refuseWhenEnvironmentSets();
      await deps.saved.clear();
      // Running on the demo already (a client saved, the restart not done): nothing to leave.
      if (running.kind === 'demo') return { ...(await describe()), restarting: false };
      await leave('demo');
      deps.log.info('Back to the demo backend; restarting');
      deps.restartApp();
      return { ...(await describe()), restarting: true };
    },
  };
}
