import { randomUUID } from 'node:crypto';
import { CATALOGS } from '../../../shared/i18n/catalogs';
import type { Catalog } from '../../../shared/i18n/en';
import { resolveLanguage, type UiLanguage } from '../../../shared/i18n/resolve-language';
import type { Settings } from '../../../shared/model/settings';
import type { Clock, Logger, Notifier } from '../ports';
import type { ChangeBurst, DetectedChange } from './change-burst';
import { changeMayNotify, domainMayNotify } from './notification-rules-filter';
import { byCase, catchUpText, firstSyncText, liveText, type NotificationText } from './notification-text';
import { isQuietTime } from './quiet-hours';

/**
 * Live bursts of one domain arriving within this window make one notification: a reply
 * and the state change that comes with it, or several customers' passes of one sync,
 * are one event to the user. It delays a notification by at most 2 s.
 */
export const LIVE_GROUP_WINDOW_MS = 2000;

/** What a click opens: the domain's tab, and the case when the notification is about one. */
export interface OpenTarget {
  domain: string;
  name?: string;
}

export interface NotificationCenterOptions {
  notifier: Notifier;
  clock: Clock;
  /** Read at each notification, so a change of rules or language applies at once. */
  settings(): Settings;
  /** The OS locale, for language 'system'. */
  systemLocale: string;
  onOpen(target: OpenTarget): void;
  log: Logger;
  groupWindowMs?: number;
}

/**
 * Turns the sync's change bursts into OS notifications under the user's rules: live
 * changes one notification per domain per window (naming the case when there is one),
 * a catch-up or a first sync one summary per domain. Each notification only ever names
 * the cases of the domain whose burst it comes from.
 */
export class NotificationCenter {
  private readonly pending = new Map<string, { changes: DetectedChange[]; timer: { cancel(): void } }>();
  /** Ids stay unique across runs: a click on a toast left from an earlier run never matches a new one. */
  private readonly run = randomUUID();
  private shown = 0;

  constructor(private readonly options: NotificationCenterOptions) {}

  take(burst: ChangeBurst): void {
    try {
      if (burst.reason === 'live') {
        if (burst.changes.length > 0) this.collect(burst.domain, burst.changes);
        return;
      }
      // What was collected live came before the summary: it shows first.
      this.flush(burst.domain);
      this.summarise(burst);
    } catch (error) {
      this.options.log.error(`Could not notify the changes of ${burst.domain}`, error);
    }
  }

  /** Drops what is waiting to be shown (the app quits). */
  dispose(): void {
    for (const entry of this.pending.values()) entry.timer.cancel();
    this.pending.clear();
  }

  private collect(domain: string, changes: DetectedChange[]): void {
    const entry = this.pending.get(domain);
    if (entry) {
      entry.changes.push(...changes);
      return;
    }
    const timer = this.options.clock.setTimeout(() => {
      try {
        this.flush(domain);
      } catch (error) {
        this.options.log.error(`Could not notify the changes of ${domain}`, error);
      }
    }, this.options.groupWindowMs ?? LIVE_GROUP_WINDOW_MS);
    this.pending.set(domain, { changes: [...changes], timer });
  }

  private flush(domain: string): void {
    const entry = this.pending.get(domain);
    if (!entry) return;
    entry.timer.cancel();
    this.pending.delete(domain);
    const rules = this.options.settings().notifications;
    const cases = byCase(entry.changes.filter((change) => changeMayNotify(rules, domain, change)));
    if (cases.length === 0) return;
    this.show(
      domain,
      (catalog) => liveText(catalog, domain, cases),
      cases.map((entry) => entry.name),
      false,
    );
  }

  private summarise(burst: ChangeBurst): void {
    const { domain } = burst;
    if (burst.reason === 'first_sync') {
      if (burst.attentionCount <= 0) return;
      this.show(
        domain,
        (catalog, language) => firstSyncText(catalog, language, domain, burst.attentionCount),
        [],
        true,
      );
      return;
    }
    const rules = this.options.settings().notifications;
    const cases = byCase(burst.changes.filter((change) => changeMayNotify(rules, domain, change)));
    if (cases.length === 0) return;
    this.show(
      domain,
      (catalog, language) => catchUpText(catalog, language, domain, cases, burst.attentionCount),
      cases.map((entry) => entry.name),
      // A summary of what happened meanwhile is not an event of now: it makes no sound.
      true,
    );
  }

  private show(
    domain: string,
    words: (catalog: Catalog, language: UiLanguage) => NotificationText,
    caseNames: string[],
    silent: boolean,
  ): void {
    const settings = this.options.settings();
    const rules = settings.notifications;
    if (!domainMayNotify(rules, domain)) return;
    // Quiet hours show nothing at all, so there is no sound either.
    if (isQuietTime(rules.quietHours, new Date(this.options.clock.now()))) return;
    const language = resolveLanguage(settings.language, this.options.systemLocale);
    const text = words(CATALOGS[language], language);
    const [only] = caseNames;
    const target: OpenTarget = caseNames.length === 1 && only ? { domain, name: only } : { domain };
    this.shown += 1;
    this.options.notifier.show(
      { id: `${this.run}:${this.shown}`, title: text.title, body: text.body, silent, domain, caseNames },
      () => this.options.onOpen(target),
    );
  }
}
