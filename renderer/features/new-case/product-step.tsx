import { useTranslation } from 'react-i18next';

/** « Type de produit »: reseller cases are Google Workspace cases, the one choice, shown as the portal shows it. */
export function ProductStep() {
  const { t } = useTranslation();
  return (
    <div className="form">
      <fieldset className="nc-choices">
        <legend className="visually-hidden">{t('newCase.product.label')}</legend>
        <label className="nc-choice is-selected">
          <input type="radio" name="new-case-product" value="google-workspace" checked readOnly />
          <span className="nc-choice-text">
            <span className="nc-choice-title">{t('newCase.product.workspace')}</span>
          </span>
        </label>
      </fieldset>
      <p className="muted">{t('newCase.product.hint')}</p>
    </div>
  );
}
