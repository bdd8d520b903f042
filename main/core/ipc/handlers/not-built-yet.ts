import { AppError } from '../../../../shared/app-error';
import type { InvokeHandlers } from '../../../../shared/ipc/contract';

/** TEMPORARY: channels of issue 8 whose branch has not landed yet. The branch that builds one removes it here. */
export function notBuiltYetHandlers(): Pick<InvokeHandlers, 'queue:query'> {
  const refuse = async (): Promise<never> => {
    throw new AppError('internal', 'Not built yet.');
  };
  return { 'queue:query': refuse };
}
