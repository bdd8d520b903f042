/** The portal's steps, in its order (seed: "Déposer une demande d'assistance pour le compte d'un client"). */
export const NEW_CASE_STEPS = [
  'customer',
  'product',
  'title',
  'category',
  'description',
  'attachments',
  'priority',
  'locale',
  'share',
  'review',
] as const;
export type NewCaseStep = (typeof NEW_CASE_STEPS)[number];
