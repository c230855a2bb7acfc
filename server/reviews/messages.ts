// The reviews feature's Danish texts: what its pages say after a step, and why a step was refused.

export const REVIEW_TEXTS = {
  saved: (day: string) => `Punktet tages op igen ${day}.`,
  cleared: 'Datoen for opfølgning er fjernet.',
  handled: 'Opfølgningen er markeret som taget op.',
  nothingToHandle: 'Der er ingen opfølgning at markere som taget op.',
  agendaItemTitle: 'Til opfølgning',
  agendaIntro: 'Beslutninger, prøvehandlinger og forklar-eller-fjern-punkter, der skal tages op igen (se /opfoelgning):',
} as const;

export const REVIEW_KIND_LABELS = { beslutning: 'Beslutning', afproevning: 'Prøvehandling', fef: 'Forklar eller fjern' } as const;
