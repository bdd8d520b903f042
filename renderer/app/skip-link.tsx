import { useTranslation } from 'react-i18next';

/**
 * The first stop of the keyboard: past the tab bar, straight to the case list (its grid
 * when there is one, else the main area). Shown only while it has the focus.
 */
export function SkipLink({ target }: { target: string }) {
  const { t } = useTranslation();
  return (
    <a
      className="skip-link"
      href={`#${target}`}
      onClick={(event) => {
        const main = document.getElementById(target);
        if (!main) return;
        event.preventDefault();
        const grid = main.querySelector<HTMLElement>('[role="grid"]');
        (grid && grid.offsetParent !== null ? grid : main).focus();
      }}
    >
      {t('shell.skipToCases')}
    </a>
  );
}
