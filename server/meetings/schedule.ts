// When each agenda item begins: from the meeting's start, each item with minutes allotted takes
// its time; an item without is not timed. Told when the items run past the meeting's end.
import { formatTime } from '../web/format';

export interface ItemTime {
  /** "14.10–14.30", or '' for an item without minutes allotted. */
  label: string;
}

export interface Schedule {
  items: ItemTime[];
  /** Set when the timed items end after the meeting: "Punkterne varer til kl. 16.20 – 20 minutter efter mødets slut kl. 16.00." */
  overrun: string | null;
}

export function agendaSchedule(startsAt: string, endsAt: string, items: Array<{ duration_minutes: number | null }>): Schedule {
  let at = Date.parse(startsAt);
  const end = Date.parse(endsAt);
  const times = items.map((item) => {
    if (!item.duration_minutes) return { label: '' };
    const from = at;
    at += item.duration_minutes * 60_000;
    return { label: `${formatTime(new Date(from))}–${formatTime(new Date(at))}` };
  });
  const over = Math.round((at - end) / 60_000);
  return {
    items: times,
    overrun: over > 0 ? `Punkterne varer til kl. ${formatTime(new Date(at))} – ${over} ${over === 1 ? 'minut' : 'minutter'} efter mødets slut kl. ${formatTime(endsAt)}.` : null,
  };
}
