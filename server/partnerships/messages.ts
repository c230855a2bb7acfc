// The partnerships feature's user-facing Danish texts in one place: what its pages say after a step,
// and why a step was refused.

export const PARTNERSHIP_TEXTS = {
  saved: 'Partnerskabet er gemt.',
} as const;
