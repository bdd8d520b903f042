import { memo, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATE_VALUES, PRIORITY_VALUES } from '../../../shared/model/case';
import type { CaseFilters as Filters } from '../../../shared/model/case-query';
import { useStores, useUi } from '../../store/stores-context';
import { Button } from '../../ui/button';
import { Icon } from '../../ui/icon';
import { MultiSelect } from '../../ui/multi-select';

/**
 * Keyword, state and priority: each change queries at once (no debounce) and is remembered per domain.
 * Memoized: a query's answer re-renders the list, not the filters it answers.
 */
export const CaseFilters = memo(function CaseFilters({ domain, filters }: { domain: string; filters: Filters }) {
  const { t } = useTranslation();
  const stores = useStores();
  const keywordId = useId();
  const keyword = useRef<HTMLInputElement>(null);
  const focusRequest = useUi((s) => s.searchFocusRequest);
  const lists = stores.caseLists.getState();

  useEffect(() => {
    if (focusRequest > 0) {
      keyword.current?.focus();
      keyword.current?.select();
    }
  }, [focusRequest]);

  const active = filters.keyword !== '' || filters.states.length > 0 || filters.priorities.length > 0;

  return (
    <div className="filters" role="search" aria-label={t('filters.label')}>
      <div className="keyword">
        <Icon name="search" size={14} className="keyword-icon" />
        <label htmlFor={keywordId} className="visually-hidden">
          {t('filters.keyword')}
        </label>
        <input
          ref={keyword}
          id={keywordId}
          type="search"
          className="input keyword-input"
          placeholder={t('filters.keywordPlaceholder')}
          title={t('filters.keywordHint')}
          value={filters.keyword}
          onChange={(e) => lists.setKeyword(domain, e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && filters.keyword) {
              e.stopPropagation();
              lists.setKeyword(domain, '');
            }
          }}
          maxLength={500}
          spellCheck={false}
          data-testid="keyword-filter"
        />
      </div>
      <MultiSelect
        label={t('filters.state')}
        options={CASE_STATE_VALUES.map((value) => ({ value, label: t(`state.${value}`) }))}
        selected={filters.states}
        onChange={(states) => lists.setStates(domain, states)}
        clearLabel={t('filters.clearThis')}
        testId="state-filter"
      />
      <MultiSelect
        label={t('filters.priority')}
        options={PRIORITY_VALUES.map((value) => ({ value, label: t(`priority.${value}`) }))}
        selected={filters.priorities}
        onChange={(priorities) => lists.setPriorities(domain, priorities)}
        clearLabel={t('filters.clearThis')}
        testId="priority-filter"
      />
      {active && (
        <Button variant="ghost" size="sm" onClick={() => lists.clearFilters(domain)} data-testid="clear-filters">
          {t('filters.clear')}
        </Button>
      )}
    </div>
  );
});
