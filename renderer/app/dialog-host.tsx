import { AddDomainDialog } from '../features/accounts/add-domain-dialog';
import { DiagnosticsDialog } from '../features/diagnostics/diagnostics-dialog';
import { SignOutDialog } from '../features/accounts/sign-out-dialog';
import { DraftsDialog } from '../features/drafts/drafts-dialog';
import { NewCaseDialog } from '../features/new-case/new-case-dialog';
import { OutboxDialog } from '../features/outbox/outbox-dialog';
import { SettingsDialog } from '../features/settings/settings-dialog';
import { useUi } from '../store/stores-context';

/** The one modal dialog open at a time. */
export function DialogHost() {
  const dialog = useUi((s) => s.dialog);
  switch (dialog.kind) {
    case 'add-domain':
      return <AddDomainDialog initialDomain={dialog.domain} initialEmail={dialog.email} />;
    case 'sign-out':
      return <SignOutDialog key={dialog.domain} domain={dialog.domain} />;
    case 'settings':
      return <SettingsDialog />;
    case 'new-case':
      return <NewCaseDialog key={dialog.domain} domain={dialog.domain} />;
    case 'drafts':
      return <DraftsDialog key={dialog.domain} domain={dialog.domain} />;
    case 'outbox':
      return <OutboxDialog key={dialog.domain} domain={dialog.domain} queued={dialog.queued ?? false} />;
    case 'diagnostics':
      return <DiagnosticsDialog key={dialog.domain} domain={dialog.domain} />;
    case 'none':
      return null;
  }
}
