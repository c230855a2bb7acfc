// Page numbers from the query string, and the links a list's pagination partial shows.
import { z } from 'zod';

export const PAGE_SIZE = 25;

export interface PageRequest {
  page: number;
  limit: number;
  offset: number;
}

const pageSchema = z.coerce.number().int().min(1).max(1_000_000).catch(1);

export function pageRequest(raw: unknown, limit = PAGE_SIZE): PageRequest {
  const page = pageSchema.parse(raw ?? 1);
  return { page, limit, offset: (page - 1) * limit };
}

export interface Pagination {
  page: number;
  pages: number;
  total: number;
  from: number;
  to: number;
  prevHref: string | null;
  nextHref: string | null;
}

/** `query` holds the list's active filters so page links keep them. */
export function pagination(req: PageRequest, total: number, path: string, query: Record<string, string | undefined>): Pagination {
  const pages = Math.max(1, Math.ceil(total / req.limit));
  const href = (page: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
    if (page > 1) params.set('page', String(page));
    const qs = params.toString();
    return qs ? `${path}?${qs}` : path;
  };
  return {
    page: req.page,
    pages,
    total,
    from: total === 0 ? 0 : req.offset + 1,
    to: Math.min(total, req.offset + req.limit),
    prevHref: req.page > 1 ? href(Math.min(req.page - 1, pages)) : null,
    nextHref: req.page < pages ? href(req.page + 1) : null,
  };
}
