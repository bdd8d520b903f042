import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { PiiFinding } from '../../../shared/pii/finding';

/** The text with what looks like personal data marked, each mark naming its kind for screen readers too. */
export function PiiHighlight({ text, findings }: { text: string; findings: readonly PiiFinding[] }) {
  const { t } = useTranslation();
  const pieces = [];
  let at = 0;
  for (const finding of findings) {
    pieces.push(<Fragment key={`t${at}`}>{text.slice(at, finding.start)}</Fragment>);
    pieces.push(
      <mark
        key={`m${finding.start}`}
        className="pii-mark"
        title={t(`newCase.pii.${finding.kind}`)}
        data-testid="pii-mark"
        data-kind={finding.kind}
      >
        {text.slice(finding.start, finding.end)}
        <span className="visually-hidden"> ({t(`newCase.pii.${finding.kind}`)})</span>
      </mark>,
    );
    at = finding.end;
  }
  pieces.push(<Fragment key="end">{text.slice(at)}</Fragment>);
  return <span className="pii-text">{pieces}</span>;
}
