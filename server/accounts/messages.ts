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
  // two-factor
  wrongCode: 'Koden er forkert eller allerede brugt. Skriv den kode, din app viser nu, eller en reservekode.',
  wrongEnrolmentCode: 'Koden passer ikke. Skriv den 6-cifrede kode, appen viser nu.',
  tooManyCodes: 'For mange forkerte koder. Vent et kvarter, og prøv igen.',
  twoFactorEnabled: 'Totrinsbekræftelse er slået til. Gem dine reservekoder et sikkert sted.',
  twoFactorNotEnabled: 'Totrinsbekræftelse er ikke slået til.',
  twoFactorRemoved: 'Totrinsbekræftelse er slået fra.',
  twoFactorRequired: 'Din rolle kræver totrinsbekræftelse, så den kan ikke slås fra.',
  recoveryCodeUsed: 'Du er logget ind med en reservekode. Den kan ikke bruges igen.',
  pendingExpired: 'Log ind igen: der gik for lang tid, før koden blev skrevet.',
  // sessions
  sessionEnded: 'Sessionen er logget ud.',
  sessionGone: 'Sessionen er allerede afsluttet.',
  otherSessionsEnded: 'Du er logget ud alle andre steder.',
  // OpenID providers
  providerFailed: 'Log ind mislykkedes. Prøv igen, eller kontakt en administrator, hvis det bliver ved.',
  accountDisabled: 'Din konto er deaktiveret. Kontakt en administrator.',
  passwordLoginOff: 'Log ind med adgangskode er slået fra. Brug en af knapperne ovenfor.',
  accessRequestDecided: 'Anmodningen er allerede afgjort.',
  // accounts by e-mail: reset and invitation links
  resetRequested: 'Hvis der findes en bruger med den e-mail, har vi sendt et link til at vælge en ny adgangskode. Linket virker i en time. Kommer der ingen e-mail, så tjek spam-mappen, eller kontakt en administrator.',
  resetTooMany: 'For mange forsøg. Vent et kvarter, og prøv igen.',
  resetDone: 'Din adgangskode er skiftet, og du er logget ud alle steder. Log ind med den nye adgangskode.',
  invitationAccepted: 'Din adgangskode er gemt. Log ind med din e-mail og den nye adgangskode.',
  linkInvalid: 'Linket virker ikke. Det kan være skrevet forkert, erstattet af et nyere link eller trukket tilbage.',
  linkExpired: 'Linket er udløbet.',
  linkUsed: 'Linket er allerede brugt. Et link virker kun én gang.',
  resetAgain: 'Bed om et nyt link',
  invitationAgain: 'Bed en administrator om en ny invitation.',
  cannotInvite: 'Brugeren har allerede en adgangskode (eller er deaktiveret), så der sendes ingen invitation.',
  resetOff: 'Log ind med adgangskode er slået fra, så adgangskoder kan ikke nulstilles her.',
} as const;
