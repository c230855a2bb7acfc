// The admin feature's user-facing Danish texts in one place: what its pages say after a step,
// and why a step was refused.

export const ADMIN_TEXTS = {
  userSaved: 'Brugeren er gemt.',
  passwordReset: 'Adgangskoden er nulstillet. Giv den nye adgangskode til brugeren ad en sikker vej.',
  ownRoleChanged: 'Din rolle er ændret. Du har fået en ny session.',
  providerSaved: 'Udbyderen er gemt.',
  providerEnabled: 'Udbyderen er slået til: knappen vises på log ind-siden.',
  providerDisabled: 'Udbyderen er slået fra: ingen kan logge ind med den, før den slås til igen.',
  accessGranted: 'Adgangen er givet. Personen logger ind igen med sin organisations konto.',
  accessDeclined: 'Anmodningen er afvist.',
  twoFactorReset: 'Brugerens totrinsbekræftelse er nulstillet, og brugeren er logget ud overalt. Ved næste log ind sætter brugeren den op igen.',
  sessionsEnded: 'Brugeren er logget ud overalt.',
} as const;
