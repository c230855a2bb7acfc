// The open-data API's inputs: the admin form that issues a token, and a list's page.
import { z } from 'zod';
import { requiredText } from '../web/form';
import { API_TEXTS as T } from './messages';

export const NewTokenSchema = z.object({ name: requiredText(T.nameRequired, 120) });

/** The most rows one list page returns. */
export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 25;

const whole = (min: number, max: number) => z.string().regex(/^(0|[1-9]\d{0,8})$/).transform(Number).pipe(z.number().int().min(min).max(max));

/** ?limit=&offset= (both optional); anything else in them is a 400. */
export const PageQuery = z.object({
  limit: whole(1, MAX_LIMIT).optional().default(DEFAULT_LIMIT),
  offset: whole(0, 1e9).optional().default(0),
});
