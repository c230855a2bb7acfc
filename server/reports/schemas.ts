// The status report's period (from, to): both optional, a day each, the end not before the start.
import { z } from 'zod';
import { queryDay } from '../web/form';

export const PeriodSchema = z
  .object({ from: queryDay('Skriv startdatoen som ÅÅÅÅ-MM-DD'), to: queryDay('Skriv slutdatoen som ÅÅÅÅ-MM-DD') })
  .refine((p) => !p.from || !p.to || p.from <= p.to, { path: ['to'], error: 'Slutdatoen skal ligge efter startdatoen' });
