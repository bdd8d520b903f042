/** The few words of the native menu, in the app's two languages. */
const LABELS = {
  en: {
    edit: 'Edit',
    view: 'View',
    window: 'Window',
    help: 'Help',
    helpCenter: 'Google Workspace reseller help',
    logs: 'Show log files',
  },
  fr: {
    edit: 'Édition',
    view: 'Affichage',
    window: 'Fenêtre',
    help: 'Aide',
    helpCenter: 'Aide Google Workspace pour les revendeurs',
    logs: 'Afficher les journaux',
  },
} as const;

export type MenuLabels = (typeof LABELS)[keyof typeof LABELS];

/** French for any fr-* locale, English otherwise. */
export function menuLabelsFor(locale: string): MenuLabels {
  return locale.toLowerCase().startsWith('fr') ? LABELS.fr : LABELS.en;
}
