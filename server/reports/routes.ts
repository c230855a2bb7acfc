// /reports/status?from=&to= as a page, a PDF and a Word document.
import { Router, type Request } from 'express';
import { z } from 'zod';
import { reportDocx } from '../exports/report-docx';
import { attachment } from '../exports/filename';
import { reportPdf } from '../exports/report-pdf';
import { RenderCache } from '../exports/cache';
import { addDays } from '../initiatives/service';
import { barChart } from '../web/charts';
import type { AppContext } from '../web/context';
import { parseForm } from '../web/form';
import { utcToCopenhagen } from '../web/time';
import { buildStatusReport } from './status-report';
import { perDataVersion } from '../db/data-version';

const day = (message: string) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined), z.iso.date({ error: message }).optional());

const PeriodSchema = z
  .object({ from: day('Skriv startdatoen som ÅÅÅÅ-MM-DD'), to: day('Skriv slutdatoen som ÅÅÅÅ-MM-DD') })
  .refine((p) => !p.from || !p.to || p.from <= p.to, { path: ['to'], error: 'Slutdatoen skal ligge efter startdatoen' });

export function reportRoutes({ db, clock }: AppContext): Router {
  const router = Router();
  const files = new RenderCache(16);
  // A report sums up a whole period: built once per period until the data changes. Its "dannet"
  // time is when it was built, and nothing has changed since.
  const reportFor = perDataVersion(
    db,
    (key: string) => {
      const [from, to] = key.split('/');
      return buildStatusReport(db, { from, to }, clock.now());
    },
    8,
  );
  const report = (p: { from: string; to: string }) => reportFor(`${p.from}/${p.to}`);

  /** The period asked for; by default the last three months up to today. */
  function period(req: Request) {
    const parsed = parseForm(PeriodSchema, req.query);
    const today = utcToCopenhagen(clock.now()).day;
    if (!parsed.ok) return { ok: false as const, form: parsed.form };
    const to = parsed.data.to ?? today;
    const from = parsed.data.from ?? addDays(to, -91);
    // The schema compares only dates that were given; a start alone must not pass today.
    if (from > to) return { ok: false as const, form: { values: { from: parsed.data.from, to: parsed.data.to }, errors: { from: 'Startdatoen kan ikke ligge efter i dag, når der ikke er valgt en slutdato' } } };
    return { ok: true as const, period: { from, to } };
  }

  router.get('/status', async (req, res) => {
    const p = period(req);
    if (!p.ok) return res.status(422).render('reports/status', { report: null, period: null, form: p.form, formError: 'Perioden er ugyldig.' });
    const built = await report(p.period);
    const query = new URLSearchParams(p.period).toString();
    res.render('reports/status', {
      report: built,
      period: p.period,
      query,
      form: { values: p.period, errors: {} },
      attendanceChart: barChart(
        built.attendance.map((a) => a.party),
        [
          { label: 'Deltog', values: built.attendance.map((a) => a.counts.deltog) },
          { label: 'Afbud', values: built.attendance.map((a) => a.counts.afbud) },
          { label: 'Udeblev', values: built.attendance.map((a) => a.counts.udeblev) },
        ],
      ),
      roleChart: barChart(built.roleCounts.map((r) => r.name), [{ label: 'Observationer', values: built.roleCounts.map((r) => r.n) }]),
    });
  });

  router.get('/status.pdf', async (req, res) => {
    const p = period(req);
    if (!p.ok) return res.status(422).render('reports/status', { report: null, period: null, form: p.form, formError: 'Perioden er ugyldig.' });
    const { document } = await report(p.period);
    res.type('application/pdf').set('Content-Disposition', attachment(`statusrapport-${p.period.from}-${p.period.to}.pdf`)).send(await files.get(RenderCache.key('report.pdf', document), () => reportPdf(document)));
  });

  router.get('/status.docx', async (req, res) => {
    const p = period(req);
    if (!p.ok) return res.status(422).render('reports/status', { report: null, period: null, form: p.form, formError: 'Perioden er ugyldig.' });
    const { document } = await report(p.period);
    res
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .set('Content-Disposition', attachment(`statusrapport-${p.period.from}-${p.period.to}.docx`))
      .send(await files.get(RenderCache.key('report.docx', document), () => reportDocx(document)));
  });

  return router;
}
