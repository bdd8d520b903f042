import type { InvokeHandlers } from '../../../../shared/ipc/contract';
import type { DiagnosticsEnvironment } from '../../diagnostics/domain-diagnostics';
import type { RequireSession } from './require-session';

export function diagnosticsHandlers(
  requireSession: RequireSession,
  environment: DiagnosticsEnvironment,
): Pick<InvokeHandlers, 'diagnostics:run'> {
  return {
    'diagnostics:run': ({ domain }) => requireSession(domain).diagnostics.run(environment),
  };
}
