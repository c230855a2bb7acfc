// The people feature's user-facing Danish texts in one place: what its pages say after a step,
// and why a step was refused.

export const PEOPLE_TEXTS = {
  created: 'Personen er oprettet.',
  saved: 'Personen er gemt.',
  deleted: 'Personen er slettet.',
  anonymisedCannotEdit: 'Personen er anonymiseret og kan ikke redigeres.',
  hasAccount: 'Personen har en brugerkonto og kan ikke slettes. Deaktivér personen eller brugeren i stedet.',
  isRepresentative: 'Personen er repræsentant i et partnerskab og kan ikke slettes. Deaktivér personen i stedet.',
} as const;
