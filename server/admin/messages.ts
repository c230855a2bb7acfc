// The admin feature's user-facing Danish texts in one place: what its pages say after a step,
// and why a step was refused.

export const ADMIN_TEXTS = {
  userSaved: 'Brugeren er gemt.',
  passwordReset: 'Adgangskoden er nulstillet. Giv den nye adgangskode til brugeren ad en sikker vej.',
} as const;
