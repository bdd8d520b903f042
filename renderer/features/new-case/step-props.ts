import type { NewCaseDraft } from '../../store/new-case-store';

/** What every step gets from the flow. */
export interface StepProps {
  draft: NewCaseDraft;
  /** The id of the step's problem message, for aria-describedby; set only while it shows. */
  problemId: string | undefined;
}
