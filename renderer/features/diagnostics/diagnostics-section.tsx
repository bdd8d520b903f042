import { useId, type ReactNode } from 'react';

/** One titled part of the Diagnostics page: a section named by its heading, for screen readers. */
export function DiagnosticsSection({
  heading,
  testId,
  children,
}: {
  heading: string;
  testId?: string;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section className="diagnostics-section" aria-labelledby={headingId} data-testid={testId}>
      <h3 id={headingId} className="diagnostics-heading">
        {heading}
      </h3>
      {children}
    </section>
  );
}
