// The notifications feature's Danish texts on pages: the flash about people without e-mail, the
// preferences on /profile, and the reply pages behind the links in an invitation.

function names(list: readonly string[]): string {
  const shown = list.slice(0, 5);
  const rest = list.length - shown.length;
  const all = rest > 0 ? [...shown, `${rest} andre`] : shown;
  return all.length > 1 ? `${all.slice(0, -1).join(', ')} og ${all.at(-1)}` : all[0];
}

export const NOTIFICATION_TEXTS = {
  unreached: (without: number, of: number, who: readonly string[]) =>
    `${without} af ${of} modtagere har ingen e-mailadresse og får ikke besked: ${names(who)}.`,
  preferencesSaved: 'Dine valg af e-mail-beskeder er gemt.',
  reply: {
    invalid: 'Linket er ugyldigt',
    invalidText: 'Linket til at svare på invitationen er ikke gyldigt. Måske er det ikke kopieret helt. Brug linket i den nyeste invitation, eller log ind og se mødet.',
    expired: 'Linket er udløbet',
    expiredText: 'Mødet er slut, så du kan ikke længere svare på invitationen.',
    cancelled: 'Mødet er aflyst',
    cancelledText: 'Mødet er aflyst, så der er intet at svare på.',
    notInvited: 'Du er ikke inviteret længere',
    notInvitedText: 'Du står ikke længere på deltagerlisten til mødet. Kontakt den, der har indkaldt, hvis det er en fejl.',
    confirmYes: 'Bekræft, at du deltager',
    confirmNo: 'Bekræft afbud',
    savedYes: 'Tak. Du er tilmeldt mødet.',
    savedNo: 'Tak. Dit afbud er registreret.',
  },
} as const;
