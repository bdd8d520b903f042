import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANGE_KINDS, type ChangeKind } from '../../../shared/model/case-change';
import type { NotificationRules } from '../../../shared/model/notification-rules';
import { quietHoursProblem, withCustomerMuted, withDomainMuted, withKind } from '../../store/notification-rules-edit';
import { useCustomers, useSettings, useStores } from '../../store/stores-context';
import { Button } from '../../ui/button';

/**
 * The Notifications pane of the settings: which changes become OS notifications. Every
 * edit goes to settings:set at once (the core keeps the rules across restarts); the
 * quiet hours only when the span typed is a valid one, the typed text staying meanwhile.
 */
export function NotificationsPane() {
  const { t } = useTranslation();
  const stores = useStores();
  const rules = useSettings((s) => s.settings.notifications);
  const headingId = useId();
  const change = (edit: (rules: NotificationRules) => NotificationRules) =>
    void stores.settings.getState().updateNotifications(edit);

  return (
    <section className="settings-pane" aria-labelledby={headingId} data-testid="notifications-pane">
      <h3 id={headingId} className="settings-pane-heading">
        {t('notificationSettings.title')}
      </h3>
      <label className="check">
        <input
          type="checkbox"
          checked={rules.enabled}
          onChange={(e) => change((r) => ({ ...r, enabled: e.target.checked }))}
          data-testid="notifications-enabled"
        />
        {t('notificationSettings.enabled')}
      </label>
      <fieldset className="field" disabled={!rules.enabled}>
        <legend>{t('notificationSettings.kindsLegend')}</legend>
        {CHANGE_KINDS.map((kind: ChangeKind) => (
          <label key={kind} className="check">
            <input
              type="checkbox"
              checked={rules.kinds.includes(kind)}
              onChange={(e) => change((r) => withKind(r, kind, e.target.checked, CHANGE_KINDS))}
              data-testid={`notify-kind-${kind}`}
            />
            {t(`notificationSettings.kinds.${kind}`)}
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input
          type="checkbox"
          checked={rules.onlyMine}
          disabled={!rules.enabled}
          onChange={(e) => change((r) => ({ ...r, onlyMine: e.target.checked }))}
          data-testid="notify-only-mine"
        />
        {t('notificationSettings.onlyMine')}
      </label>
      <QuietHours rules={rules} disabled={!rules.enabled} onChange={change} />
      <MutedLists rules={rules} onChange={change} />
    </section>
  );
}

function QuietHours({
  rules,
  disabled,
  onChange,
}: {
  rules: NotificationRules;
  disabled: boolean;
  onChange: (edit: (rules: NotificationRules) => NotificationRules) => void;
}) {
  const { t } = useTranslation();
  const errorId = useId();
  // What is typed, kept while it is not a valid span: saved only once it is.
  const [typed, setTyped] = useState<{ start: string; end: string } | null>(null);
  const start = typed?.start ?? rules.quietHours.start;
  const end = typed?.end ?? rules.quietHours.end;
  const problem = quietHoursProblem(start, end);

  const edit = (next: { start: string; end: string }) => {
    if (quietHoursProblem(next.start, next.end) !== null) {
      setTyped(next);
      return;
    }
    setTyped(null);
    onChange((r) => ({ ...r, quietHours: { ...r.quietHours, ...next } }));
  };

  return (
    <fieldset className="field" disabled={disabled}>
      <legend>{t('notificationSettings.quietHours')}</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={rules.quietHours.enabled}
          onChange={(e) => onChange((r) => ({ ...r, quietHours: { ...r.quietHours, enabled: e.target.checked } }))}
          data-testid="quiet-hours-enabled"
        />
        {t('notificationSettings.quietHoursEnabled')}
      </label>
      <div className="quiet-hours-times">
        <TimeField
          label={t('notificationSettings.quietFrom')}
          value={start}
          disabled={!rules.quietHours.enabled}
          errorId={problem ? errorId : undefined}
          onChange={(value) => edit({ start: value, end })}
          testId="quiet-hours-start"
        />
        <TimeField
          label={t('notificationSettings.quietTo')}
          value={end}
          disabled={!rules.quietHours.enabled}
          errorId={problem ? errorId : undefined}
          onChange={(value) => edit({ start, end: value })}
          testId="quiet-hours-end"
        />
      </div>
      {problem && (
        <p id={errorId} className="field-error" role="alert" data-testid="quiet-hours-error">
          {t(`notificationSettings.quietProblem.${problem}`)}
        </p>
      )}
    </fieldset>
  );
}

/** One end of the quiet hours: a labelled time input, marked invalid while the span's error (errorId) shows. */
function TimeField({
  label,
  value,
  disabled,
  errorId,
  onChange,
  testId,
}: {
  label: string;
  value: string;
  disabled: boolean;
  errorId: string | undefined;
  onChange: (value: string) => void;
  testId: string;
}) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input input-sm"
        type="time"
        value={value}
        disabled={disabled}
        aria-invalid={errorId !== undefined}
        aria-describedby={errorId}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
    </>
  );
}

function MutedLists({
  rules,
  onChange,
}: {
  rules: NotificationRules;
  onChange: (edit: (rules: NotificationRules) => NotificationRules) => void;
}) {
  const { t } = useTranslation();
  const customerNames = useCustomers((s) => s.lists);
  return (
    <>
      <div className="field">
        <h4 className="settings-subheading">{t('notificationSettings.mutedDomains')}</h4>
        {rules.mutedDomains.length === 0 ? (
          <p className="muted">{t('notificationSettings.noneMuted')}</p>
        ) : (
          <ul className="muted-list" data-testid="muted-domains">
            {rules.mutedDomains.map((domain) => (
              <li key={domain}>
                <span>{domain}</span>
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={t('notificationSettings.unmuteNamed', { name: domain })}
                  onClick={() => onChange((r) => withDomainMuted(r, domain, false))}
                >
                  {t('notificationSettings.unmute')}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="field">
        <h4 className="settings-subheading">{t('notificationSettings.mutedCustomers')}</h4>
        {rules.mutedCustomers.length === 0 ? (
          <p className="muted">{t('notificationSettings.noneMuted')}</p>
        ) : (
          <ul className="muted-list" data-testid="muted-customers">
            {rules.mutedCustomers.map(({ domain, customerId }) => {
              const customer = customerNames[domain]?.seen[customerId];
              const name = customer ? customer.organizationName || customer.domain : customerId;
              return (
                <li key={`${domain}/${customerId}`}>
                  <span>
                    {name} <span className="muted">· {domain}</span>
                  </span>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={t('notificationSettings.unmuteNamed', { name })}
                    onClick={() => onChange((r) => withCustomerMuted(r, domain, customerId, false))}
                  >
                    {t('notificationSettings.unmute')}
                  </Button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </>
  );
}
