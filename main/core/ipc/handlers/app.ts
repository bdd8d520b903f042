import type { InvokeHandlers, InvokeResponse } from '../../../../shared/ipc/contract';

export interface AppHandlersDeps {
  appInfo: Omit<InvokeResponse<'app:info'>, 'backend'>;
  backend: InvokeResponse<'app:info'>['backend'];
}

export function appHandlers({ appInfo, backend }: AppHandlersDeps): Pick<InvokeHandlers, 'app:info'> {
  return {
    'app:info': async () => ({ ...appInfo, backend }),
  };
}
