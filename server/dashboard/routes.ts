// / (the overview) and /baseline, the benchmark's yardstick page.
import { Router } from 'express';
import { listPartnerships } from '../partnerships/queries';
import { listFocusAspects, listKerneopgaver, listRoles } from '../reference/queries';
import { ACTION_STATUS_LABELS, options } from '../meetings/labels';
import { requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { utcToCopenhagen } from '../web/time';
import { fundingAlerts, overdueTrials, runningTrials } from '../initiatives/queries';
import { addDays, FUNDING_WARNING_DAYS } from '../initiatives/service';
import { permissions } from '../web/auth';
import { overviewCharts } from './overview-charts';
import { perDataVersion } from '../db/data-version';
import * as format from '../web/format';
import { renderFragment } from '../web/views';
import {
  countMyOpenActions,
  countOverdueActions,
  latestDecisions,
  latestLearnings,
  latestRoleEvidence,
  minutesAwaitingApproval,
  myOpenActions,
  overdueActions,
  upcomingMeetings,
} from './queries';

export function dashboardRoutes({ db, clock, config }: AppContext): Router {
  const router = Router();
  // Below the reader's own sections the overview is the same for everyone on a given day:
  // queried and rendered once per data version (charts, trials, funding, latest notes).
  const sharedFor = perDataVersion(db, async (today: string) => {
    const [partnerships, roles, kerneopgaver, focusAspects, funding, trialsOverdue, trialsRunning, evidence, learnings, decisions, charts] = await Promise.all([
      listPartnerships(db),
      listRoles(db),
      listKerneopgaver(db),
      listFocusAspects(db),
      fundingAlerts(db, today, addDays(today, FUNDING_WARNING_DAYS)),
      overdueTrials(db, today),
      runningTrials(db),
      latestRoleEvidence(db),
      latestLearnings(db),
      latestDecisions(db),
      overviewCharts(db, today),
    ]);
    return renderFragment(
      'dashboard/overview',
      {
        fmt: format,
        partnerships,
        employeeRoles: roles.filter((r) => r.kind === 'medarbejder'),
        leaderRoles: roles.filter((r) => r.kind === 'leder'),
        kerneopgaver,
        focusAspects,
        funding,
        trialsOverdue,
        trialsRunning,
        evidence,
        learnings,
        decisions,
        charts,
      },
      config.env !== 'development',
    );
  });

  router.get('/', async (req, res) => {
    const user = requireUser(req);
    const now = clock.now();
    const today = utcToCopenhagen(now).day;
    const consultant = permissions.edit(user.role);
    const [meetings, awaiting, myActions, overdue, myOverdue, allOverdue, myOpen, overviewHtml] = await Promise.all([
      upcomingMeetings(db, now.toISOString()),
      // Only those who may approve (approvalPartyOf: repraesentant or admin) have minutes waiting for them.
      user.role === 'repraesentant' || user.role === 'admin' ? minutesAwaitingApproval(db, user.personId) : [],
      myOpenActions(db, user.personId),
      countOverdueActions(db, today),
      countOverdueActions(db, today, user.personId),
      // A consultant follows up on everyone's overdue actions, others on their own.
      consultant ? overdueActions(db, today) : [],
      countMyOpenActions(db, user.personId),
      sharedFor(today),
    ]);
    res.render('dashboard/index', {
      meetings,
      awaiting,
      allOverdue,
      myActions,
      myOpen,
      overdue,
      myOverdue,
      today,
      statusOptions: options(ACTION_STATUS_LABELS),
      statusLabels: ACTION_STATUS_LABELS,
      overviewHtml,
    });
  });

  // Same middleware as any signed-in page, no domain query: what a page's own work is measured against.
  router.get('/baseline', (_req, res) => {
    res.render('dashboard/baseline');
  });

  return router;
}
