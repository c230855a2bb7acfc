// The accounts feature's user-facing Danish texts in one place: what its pages say after a step,
// and why a step was refused.

export const ACCOUNT_TEXTS = {
  setupDone: 'Administratoren er oprettet, og du er logget ind.',
  nameChanged: 'Dit navn er ændret.',
  passwordChanged: 'Din adgangskode er skiftet.',
  userNotFound: 'Brugeren findes ikke',
  lastAdmin: 'Der skal altid være mindst én aktiv administrator.',
  personNotFound: 'Personen findes ikke',
  anonymisedCannotRename: 'Personen er anonymiseret og kan ikke omdøbes.',
} as const;
