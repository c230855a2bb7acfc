// The dilemmas feature's user-facing Danish texts in one place: what its pages say after a step,
// and why a step was refused.

export const DILEMMA_TEXTS = {
  created: 'Dilemmaet er oprettet.',
  saved: 'Dilemmaet er gemt.',
  deleted: 'Dilemmaet er slettet.',
} as const;
