// /search?q=&type=&from=&to=&page=: full-text search over the whole tool, for every signed-in role.
import { Router } from 'express';
import type { AppContext } from '../web/context';
import { permissions, requireUser } from '../web/auth';
import { parseForm } from '../web/form';
import { pageRequest, type PageRequest } from '../web/pagination';
import { SEARCH_TYPES } from './fts';
import { SEARCH_TYPE_LABELS, SearchSchema, type SearchForm } from './schemas';
import { search, SEARCH_PAGE_SIZE } from './service';

const typeOptions = [{ value: '', label: 'Alle typer' }, ...SEARCH_TYPES.map((t) => ({ value: t, label: SEARCH_TYPE_LABELS[t] }))];

export function searchRoutes({ db, caches }: AppContext): Router {
  const router = Router();
  // Recent searches are remembered until the data changes: paging through the hits of a common
  // word, or the same search from several people, does not count all its hits again.
  const remembered = (key: { form: SearchForm; page: PageRequest; withoutClosedItems: boolean }) =>
    caches.searchResults.get(key, () => search(db, key.form, key.page, key.withoutClosedItems));

  router.get('/', async (req, res) => {
    const parsed = parseForm(SearchSchema, req.query);
    if (!parsed.ok) {
      return res.status(422).render('search/index', { result: null, typeOptions, form: parsed.form, formError: 'Perioden er ugyldig.' });
    }
    const withoutClosedItems = !permissions.seeClosedItems(requireUser(req).role);
    const result = await remembered({ form: parsed.data, page: pageRequest(req.query.page, SEARCH_PAGE_SIZE), withoutClosedItems });
    const { q, type, from, to } = parsed.data;
    res.render('search/index', { result, typeOptions, form: { values: { q, type: type ?? '', from: from ?? '', to: to ?? '' }, errors: {} } });
  });

  return router;
}
