import { z } from 'zod';
import { TIMELINE_KINDS, type TimelineKind } from './service';

/** `?vis=moede&vis=beslutning`: the kinds to show; none (or none known) shows them all. */
export const TimelineFilterSchema = z.object({
  vis: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.unknown()).transform((values): TimelineKind[] => {
      const chosen = TIMELINE_KINDS.filter((k) => values.includes(k));
      return chosen.length ? chosen : [...TIMELINE_KINDS];
    }),
  ),
});
