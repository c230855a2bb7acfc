// /reports/status?from=&to= as a page, a PDF and a Word document.
import { Router, type Request } from 'express';
import { documentDocx } from '../documents/docx';
import { attachment } from '../documents/filename';
import { documentPdf } from '../documents/pdf';
import { addDays } from '../web/format';
import { barChart } from '../web/charts';
import type { AppContext } from '../web/context';
import { parseForm } from '../web/form';
import { PeriodSchema } from './schemas';
import { utcToCopenhagen } from '../web/time';
import { buildStatusReport, type StatusReport } from './status-report';
import type { Period } from './queries';
import { renderFragment } from '../web/views';

/** The page's two charts, drawn from the report's own numbers. */
function reportCharts(report: StatusReport) {
  return {
    attendanceChart: barChart(
      report.attendance.map((a) => a.party),
      [
        { label: 'Deltog', values: report.attendance.map((a) => a.counts.deltog) },
        { label: 'Afbud', values: report.attendance.map((a) => a.counts.afbud) },
        { label: 'Udeblev', values: report.attendance.map((a) => a.counts.udeblev) },
      ],
    ),
    roleChart: barChart(report.roleCounts.map((r) => r.name), [{ label: 'Observationer', values: report.roleCounts.map((r) => r.n) }]),
  };
}

/** The longest period a status report covers: two years. */
const MAX_REPORT_DAYS = 731;

export function reportRoutes({ db, clock, config, caches }: AppContext): Router {
  const cacheViews = config.env !== 'development';
  const router = Router();
  const files = caches.renderedFiles;
  // A report sums up a whole period: built and rendered once per period until the data changes.
  // Its "dannet" time is when it was built, and nothing has changed since.
  const reportFor = (period: Period) =>
    caches.statusReport.get(period, async () => {
      const report = await buildStatusReport(db, period, clock.now());
      const html = await renderFragment('reports/report-body', { report, ...reportCharts(report) }, cacheViews);
      return { ...report, html };
    });

  /** The period asked for; by default the last three months up to today. */
  function period(req: Request) {
    const parsed = parseForm(PeriodSchema, req.query);
    const today = utcToCopenhagen(clock.now()).day;
    if (!parsed.ok) return { ok: false as const, form: parsed.form };
    const to = parsed.data.to ?? today;
    const from = parsed.data.from ?? addDays(to, -91);
    // The schema compares only dates that were given; a start alone must not pass today.
    if (from > to) return { ok: false as const, form: { values: { from: parsed.data.from, to: parsed.data.to }, errors: { from: 'Startdatoen kan ikke ligge efter i dag, når der ikke er valgt en slutdato' } } };
    // A report is for a board meeting, not an archive: ten years of the large data set made a Word file that ran the server out of memory.
    if (from < addDays(to, -MAX_REPORT_DAYS)) return { ok: false as const, form: { values: { from: parsed.data.from, to: parsed.data.to }, errors: { from: 'Vælg en periode på højst to år' } } };
    return { ok: true as const, period: { from, to } };
  }

  router.get('/status', async (req, res) => {
    const p = period(req);
    if (!p.ok) return res.status(422).render('reports/status', { report: null, period: null, form: p.form, formError: 'Perioden er ugyldig.' });
    const built = await reportFor(p.period);
    const query = new URLSearchParams(p.period).toString();
    res.render('reports/status', {
      report: built,
      reportHtml: built.html,
      period: p.period,
      query,
      form: { values: p.period, errors: {} },
    });
  });

  router.get('/status.pdf', async (req, res) => {
    const p = period(req);
    if (!p.ok) return res.status(422).render('reports/status', { report: null, period: null, form: p.form, formError: 'Perioden er ugyldig.' });
    const { document } = await reportFor(p.period);
    res.type('application/pdf').set('Content-Disposition', attachment(`statusrapport-${p.period.from}-${p.period.to}.pdf`)).send(await files.get(files.key('report.pdf', document), () => documentPdf(document)));
  });

  router.get('/status.docx', async (req, res) => {
    const p = period(req);
    if (!p.ok) return res.status(422).render('reports/status', { report: null, period: null, form: p.form, formError: 'Perioden er ugyldig.' });
    const { document } = await reportFor(p.period);
    res
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .set('Content-Disposition', attachment(`statusrapport-${p.period.from}-${p.period.to}.docx`))
      .send(await files.get(files.key('report.docx', document), () => documentDocx(document)));
  });

  return router;
}
