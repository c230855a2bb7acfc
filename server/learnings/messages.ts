// The learnings feature's user-facing Danish texts in one place: what its pages say after a step,
// and why a step was refused.

export const LEARNING_TEXTS = {
  created: 'Erfaringen er oprettet.',
  saved: 'Erfaringen er gemt.',
  deleted: 'Erfaringen er slettet.',
} as const;
