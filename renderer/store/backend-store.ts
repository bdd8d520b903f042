import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppErrorData } from '../../shared/app-error';
import {
  oauthClientProblems,
  type BackendConfig,
  type OAuthClientField,
  type OAuthClientProblem,
} from '../../shared/model/oauth-client';
import type { PartnerDeskClient } from '../ipc/partner-desk-client';
import { toErrorData } from './error-data';

export type OAuthClientProblems = Partial<Record<OAuthClientField, OAuthClientProblem>>;

/** `confirming`: the fields are valid, the user is asked to agree to the restart. */
export type BackendStep = 'editing' | 'confirming' | 'saving' | 'restarting';

export interface BackendState {
  /** What backend:get said; null until it answered. */
  config: BackendConfig | null;
  /** What the user typed: kept through every error; the secret is never filled in from the core. */
  typed: { clientId: string; clientSecret: string };
  problems: OAuthClientProblems;
  /** A failure that is not one field's (the keychain, the environment, the core). */
  error: AppErrorData | null;
  step: BackendStep;
  /** The change waiting for its confirmation: a client, or the demo. */
  pending: 'client' | 'demo' | null;
  load(): Promise<void>;
  type(field: OAuthClientField, value: string): void;
  /** Checks the fields (all at once) and asks for the confirmation; false: the problems show. */
  askToSave(): boolean;
  askToUseDemo(): void;
  cancel(): void;
  /** Sends the confirmed change; the core restarts the app once it is saved. */
  confirm(): Promise<void>;
}

/** The problem a refusal of the core names, for the field it names (the contract's schema or the handler's). */
function fieldProblem(error: AppErrorData): OAuthClientProblems | null {
  const field = error.detail?.field;
  if (field !== 'clientId' && field !== 'clientSecret') return null;
  if (error.code !== 'bad_request' && error.code !== 'invalid_argument') return null;
  return { [field]: error.detail?.reason === 'required' ? 'required' : 'shape' };
}

/**
 * The Google connection settings: the partner's own Desktop OAuth client, or the demo
 * backend. Either change restarts Partner Desk once confirmed.
 */
export function createBackendStore(client: PartnerDeskClient): StoreApi<BackendState> {
  return createStore<BackendState>((set, get) => ({
    config: null,
    typed: { clientId: '', clientSecret: '' },
    problems: {},
    error: null,
    step: 'editing',
    pending: null,

    async load() {
      try {
        const config = await client.invoke('backend:get', {});
        // What the user already typed wins over the saved ID.
        const typed = get().typed;
        set({ config, typed: { ...typed, clientId: typed.clientId || (config.clientId ?? '') }, error: null });
      } catch (error) {
        set({ error: toErrorData(error) });
      }
    },

    type(field, value) {
      const { typed, problems } = get();
      set({ typed: { ...typed, [field]: value }, problems: { ...problems, [field]: undefined } });
    },

    askToSave() {
      const { typed } = get();
      const problems = oauthClientProblems({
        clientId: typed.clientId,
        ...(typed.clientSecret.trim() === '' ? {} : { clientSecret: typed.clientSecret }),
      });
      const config = get().config;
      const secretKept = config?.hasClientSecret === true && config.clientId === typed.clientId.trim();
      // Another client needs its own secret: the saved one belongs to the saved client.
      if (!problems.clientSecret && typed.clientSecret.trim() === '' && !secretKept) problems.clientSecret = 'required';
      if (problems.clientId || problems.clientSecret) {
        set({ problems, step: 'editing', pending: null });
        return false;
      }
      set({ problems: {}, error: null, step: 'confirming', pending: 'client' });
      return true;
    },

    askToUseDemo() {
      set({ error: null, step: 'confirming', pending: 'demo' });
    },

    cancel() {
      set({ step: 'editing', pending: null });
    },

    async confirm() {
      const { pending, typed } = get();
      if (get().step !== 'confirming' || pending === null) return;
      set({ step: 'saving' });
      try {
        const config =
          pending === 'demo'
            ? await client.invoke('backend:useDemo', {})
            : await client.invoke('backend:setOAuthClient', {
                clientId: typed.clientId,
                ...(typed.clientSecret.trim() === '' ? {} : { clientSecret: typed.clientSecret }),
              });
        // Saved: the secret leaves the window's memory.
        set({
          config,
          typed: { clientId: config.clientId ?? '', clientSecret: '' },
          step: config.restarting ? 'restarting' : 'editing',
          pending: null,
        });
      } catch (caught) {
        const error = toErrorData(caught);
        const problems = fieldProblem(error);
        set(problems ? { problems, step: 'editing', pending: null } : { error, step: 'editing', pending: null });
      }
    },
  }));
}
