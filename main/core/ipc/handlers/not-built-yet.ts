import { AppError } from '../../../../shared/app-error';
import type { InvokeHandlers } from '../../../../shared/ipc/contract';

type PendingChannel = 'outbox:list' | 'outbox:submit' | 'outbox:retry' | 'outbox:edit' | 'outbox:discard';

const refuse = async (): Promise<never> => {
  throw new AppError('internal', 'Not built yet.');
};

/** TEMPORARY, removed by the drafts and outbox branches. */
export function notBuiltYetHandlers(): Pick<InvokeHandlers, PendingChannel> {
  return {
    'outbox:list': refuse,
    'outbox:submit': refuse,
    'outbox:retry': refuse,
    'outbox:edit': refuse,
    'outbox:discard': refuse,
  };
}
