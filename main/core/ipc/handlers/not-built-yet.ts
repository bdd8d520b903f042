import { AppError } from '../../../../shared/app-error';
import type { InvokeHandlers } from '../../../../shared/ipc/contract';

type PendingChannel = 'diagnostics:run';

/** TEMPORARY: the channels issue 9's branches are building; each branch removes its own. */
export function notBuiltYetHandlers(): Pick<InvokeHandlers, PendingChannel> {
  const refuse = (): never => {
    throw new AppError('internal', 'Not built yet');
  };
  return { 'diagnostics:run': async () => refuse() };
}
