import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNewCase, useStores } from '../../store/stores-context';
import { ErrorState } from '../../ui/error-state';
import { Spinner } from '../../ui/spinner';
import { categoryLabel } from '../case-list/case-labels';
import type { StepProps } from './step-props';

/** Keystrokes closer than this make one classifications:search, not one each. */
const SEARCH_DELAY_MS = 200;

/**
 * « Pour Catégorie, saisissez des mots clés, puis sélectionnez une option »: a combobox
 * (ARIA 1.2) over caseClassifications.search. Focus stays in the field; the arrow keys
 * move the active option (aria-activedescendant), Enter chooses it.
 */
export function CategoryStep({ draft, problemId }: StepProps) {
  const { t } = useTranslation();
  const stores = useStores();
  const { domain } = draft;
  const search = useNewCase((s) => s.categories[domain]);
  const [active, setActive] = useState(0);
  const inputId = useId();
  const listId = useId();
  const hintId = useId();
  const query = draft.categoryQuery;

  useEffect(() => {
    const timer = setTimeout(() => void stores.newCase.getState().searchCategories(domain, query), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [stores, domain, query]);

  const results = search?.results ?? [];
  const activeIndex = Math.min(active, results.length - 1);
  const optionId = (index: number) => `${listId}-option-${index}`;
  const choose = (index: number) => {
    const choice = results[index];
    if (choice) stores.newCase.getState().update(domain, { classification: choice });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (results.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + results.length) % results.length);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      setActive(event.key === 'Home' ? 0 : results.length - 1);
    } else if (event.key === 'Enter') {
      // Enter chooses the active option; it does not also move to the next step.
      event.preventDefault();
      choose(activeIndex);
    }
  };

  return (
    <div className="form">
      <div className="field">
        <label htmlFor={inputId}>{t('newCase.category.label')}</label>
        <input
          id={inputId}
          className="input"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={results.length > 0}
          aria-controls={listId}
          aria-activedescendant={results.length > 0 ? optionId(activeIndex) : undefined}
          aria-invalid={problemId ? true : undefined}
          aria-describedby={[hintId, problemId].filter(Boolean).join(' ')}
          autoComplete="off"
          placeholder={t('newCase.category.placeholder')}
          value={query}
          onChange={(e) => {
            setActive(0);
            stores.newCase.getState().update(domain, { categoryQuery: e.target.value });
          }}
          onKeyDown={onKeyDown}
          data-testid="new-case-category-search"
        />
        <p id={hintId} className="muted nc-hint">
          {t('newCase.category.hint')}
        </p>
      </div>
      <div className="nc-status" role="status" aria-live="polite">
        {search?.loading ? (
          <Spinner size={12} label={t('newCase.category.searching')} />
        ) : search && !search.error ? (
          results.length === 0 ? (
            t('newCase.category.none')
          ) : (
            <span className="visually-hidden">{t('newCase.category.results', { n: results.length })}</span>
          )
        ) : null}
      </div>
      {search?.error && (
        <ErrorState
          error={search.error}
          domain={domain}
          compact
          onRetry={() => void stores.newCase.getState().searchCategories(domain, query)}
        />
      )}
      <ul id={listId} role="listbox" aria-label={t('newCase.category.listLabel')} className="nc-listbox">
        {results.map((choice, index) => (
          <li
            key={choice.id}
            id={optionId(index)}
            role="option"
            aria-selected={draft.classification?.id === choice.id}
            className={index === activeIndex ? 'nc-option is-active' : 'nc-option'}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              setActive(index);
              choose(index);
            }}
            data-testid="new-case-category-option"
          >
            {categoryLabel(choice.displayName)}
          </li>
        ))}
      </ul>
      {draft.classification && (
        <p className="nc-chosen" data-testid="new-case-category-chosen">
          {t('newCase.category.chosen', { category: categoryLabel(draft.classification.displayName) })}
        </p>
      )}
    </div>
  );
}
