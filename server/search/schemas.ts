// The search form (GET /search?q=&type=&from=&to=&page=) and the Danish names of what it finds.
import { z } from 'zod';
import { SEARCH_TYPES, type SearchType } from './fts';
import { MAX_INPUT } from './query';
import { queryDay } from '../web/form';

export const SEARCH_TYPE_LABELS: Record<SearchType, string> = {
  moede: 'Møder',
  dagsordenspunkt: 'Dagsordenspunkter',
  referat: 'Referater',
  opfoelgning: 'Opfølgningspunkter',
  initiativ: 'Initiativer',
  forloeb: 'Forløb',
  person: 'Personer',
  rolleobservation: 'Rolleobservationer',
  erfaring: 'Erfaringer',
  dilemma: 'Dilemmaer',
  'forklar-eller-fjern': 'Forklar eller fjern',
};

const day = queryDay;

/**
 * Any text is a valid query (query.ts makes it safe); an unknown type means all types. Only a
 * period that is not a date, or ends before it starts, is an error the user must correct.
 */
export const SearchSchema = z
  .object({
    q: z.preprocess((v) => (typeof v === 'string' ? v.trim().slice(0, MAX_INPUT) : ''), z.string()),
    type: z.enum(SEARCH_TYPES).optional().catch(undefined),
    from: day('Skriv datoen som ÅÅÅÅ-MM-DD'),
    to: day('Skriv datoen som ÅÅÅÅ-MM-DD'),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ['to'], error: 'Slutdatoen skal ligge efter startdatoen' });
export type SearchForm = z.infer<typeof SearchSchema>;
