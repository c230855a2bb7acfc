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
  invited: (email: string) => `Brugeren ${email} er oprettet, og en invitation er sendt. Brugeren vælger selv sin adgangskode fra linket, som virker i 7 dage.`,
  invitedNoMail: (email: string) =>
    `Brugeren ${email} er oprettet. E-mail er ikke sat op, så invitationen ligger i Udbakke (/admin/outbox): kopiér linket derfra, og giv det til brugeren. Det virker i 7 dage.`,
} as const;
