// The fef feature's user-facing Danish texts in one place: what its pages say after a step,
// and why a step was refused.

export const FEF_TEXTS = {
  created: 'Punktet er oprettet.',
  saved: 'Punktet er gemt.',
  deleted: 'Punktet er slettet.',
} as const;
