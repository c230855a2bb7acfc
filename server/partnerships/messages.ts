// The partnerships feature's user-facing Danish texts in one place: what its pages say after a step,
// and why a step was refused.

export const PARTNERSHIP_TEXTS = {
  saved: 'Partnerskabet er gemt.',
  standardItemAdded: 'Standardpunktet er tilføjet.',
  standardItemSaved: 'Standardpunktet er gemt.',
  standardItemRemoved: 'Standardpunktet er fjernet. Møder, der allerede er oprettet, beholder det.',
} as const;
