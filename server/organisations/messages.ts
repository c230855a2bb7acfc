// The organisations feature's user-facing Danish texts in one place: what its pages say after a step,
// and why a step was refused.

export const ORGANISATION_TEXTS = {
  created: 'Organisationen er oprettet.',
  saved: 'Organisationen er gemt.',
  deleted: 'Organisationen er slettet.',
  hasPeople: 'Organisationen kan ikke slettes, fordi der er personer knyttet til den. Deaktivér den i stedet.',
} as const;
