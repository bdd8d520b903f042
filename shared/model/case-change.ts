import { z } from 'zod';

/**
 * What Google support (or anyone but this app's user) changed on a case, as the sync
 * detects it: a new comment by Google support, a state change (to ACTION_REQUIRED,
 * SOLUTION_PROVIDED or CLOSED), a priority change, an escalation, a new attachment by
 * Google, or a case filed elsewhere (the portal, the customer) that this app did not file.
 */
export const changeKindSchema = z.enum(['comment', 'state', 'priority', 'escalation', 'attachment', 'new_case']);
export type ChangeKind = z.infer<typeof changeKindSchema>;
export const CHANGE_KINDS = changeKindSchema.options;
