// / (the overview by role), /om-partnerskabet (the agreement's roles, core tasks and focus
// aspects) and /baseline, the benchmark's yardstick page.
import { Router } from 'express';
import { listPartnerships } from '../partnerships/service';
import { listFocusAspects, listKerneopgaver, listRoles } from '../reference/service';
import { ACTION_STATUS_LABELS, options } from '../web/labels';
import { isOverdue } from '../actions/service';
import { PROPOSAL_STATUS_LABELS, proposalsForOverview } from '../proposals/service';
import { deadlinesToWatch } from '../meetings/service';
import type { AppContext } from '../web/context';
import { utcToCopenhagen } from '../web/time';
import { fundingAlerts, overdueTrials, runningTrials } from '../initiatives/service';
import { FUNDING_WARNING_DAYS } from '../initiatives/service';
import { addDays } from '../web/format';
import { permissions, requireUser } from '../web/auth';
import { overviewCharts } from './overview-charts';
import { dueReviews, REVIEW_KIND_LABELS } from '../reviews/service';
import * as format from '../web/format';
import { renderFragment } from '../web/views';
import {
  countMyOpenActions,
  countOverdueActions,
  latestDecisions,
  latestLearnings,
  latestRoleEvidence,
  minutesAwaitingApproval,
  minutesAwaitingParties,
  minutesToWrite,
  myOpenActions,
  overdueActions,
  upcomingMeetings,
} from './queries';

/** The overview shows a person's first few deadlines; the link above the table lists them all. */
const MY_ACTIONS_SHOWN = 5;
/** The latest decisions, learnings and role observations: a glance, each list links on. */
const LATEST_SHOWN = 3;

export function dashboardRoutes({ db, clock, config, caches }: AppContext): Router {
  const router = Router();
  // Below the reader's own sections the overview is the same for everyone on a given day:
  // queried and rendered once per data version (charts, trials, funding, latest notes).
  const sharedFor = (today: string) =>
    caches.dashboardShared.get(today, async () => {
    const [funding, trialsOverdue, trialsRunning, evidence, learnings, decisions, charts, reviews] = await Promise.all([
      fundingAlerts(db, today, addDays(today, FUNDING_WARNING_DAYS)),
      overdueTrials(db, today),
      runningTrials(db),
      latestRoleEvidence(db, LATEST_SHOWN),
      latestLearnings(db, LATEST_SHOWN),
      latestDecisions(db, LATEST_SHOWN),
      overviewCharts(db, today),
      dueReviews(db, today),
    ]);
    const cache = config.env !== 'development';
    const [alerts, body, due] = await Promise.all([
      renderFragment('dashboard/alerts', { fmt: format, funding, trialsOverdue, trialsRunning }, cache),
      renderFragment('dashboard/shared', { fmt: format, evidence, learnings, decisions, charts }, cache),
      renderFragment('dashboard/reviews', { fmt: format, reviews, kindLabels: REVIEW_KIND_LABELS }, cache),
    ]);
    return { alerts, body, reviews: due };
    });

  router.get('/', async (req, res) => {
    const user = requireUser(req);
    const now = clock.now();
    const today = utcToCopenhagen(now).day;
    const consultant = permissions.edit(user.role);
    // Each reader's own sections, remembered per data version for the minute (a meeting that
    // began seconds ago may still show as upcoming until the minute is out).
    const own = caches.dashboardOwn.get({ person: user.personId, role: user.role, minute: now.toISOString().slice(0, 16) }, async () => {
      const [deadlines, toWrite, awaitingParties, meetings, awaiting, myActions, overdue, myOverdue, allOverdue, myOpen, proposals] = await Promise.all([
        // Deadlines missed or due within two days: the consultant's to act on.
        consultant ? deadlinesToWatch(db, now) : [],
        // A consultant's own work: the minutes to write and those waiting for a party's approval.
        consultant ? minutesToWrite(db, user.personId) : [],
        consultant ? minutesAwaitingParties(db, user.personId) : [],
        upcomingMeetings(db, now.toISOString()),
        // Only those who may approve (approvalPartyOf: repraesentant or admin) have minutes waiting for them.
        user.role === 'repraesentant' || user.role === 'admin' ? minutesAwaitingApproval(db, user.personId) : [],
        myOpenActions(db, user.personId, MY_ACTIONS_SHOWN),
        countOverdueActions(db, today),
        countOverdueActions(db, today, user.personId),
        // A consultant follows up on everyone's overdue actions, others on their own.
        consultant ? overdueActions(db, today) : [],
        countMyOpenActions(db, user.personId),
        proposalsForOverview(db, user),
      ]);
      return { deadlines, toWrite, awaitingParties, meetings, awaiting, myActions, overdue, myOverdue, allOverdue, myOpen, proposals };
    });
    const [{ deadlines, toWrite, awaitingParties, meetings, awaiting, myActions, overdue, myOverdue, allOverdue, myOpen, proposals }, shared] = await Promise.all([own, sharedFor(today)]);
    res.render('dashboard/page', {
      isOverdue,
      proposals,
      proposalStatusLabels: PROPOSAL_STATUS_LABELS,
      deadlines,
      toWrite,
      awaitingParties,
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
      alertsHtml: shared.alerts,
      sharedHtml: shared.body,
      reviewsHtml: shared.reviews,
    });
  });

  // What the agreement sets out, for every signed-in role: moved here from the overview.
  router.get('/om-partnerskabet', async (_req, res) => {
    const [partnerships, roles, kerneopgaver, focusAspects] = await Promise.all([listPartnerships(db), listRoles(db), listKerneopgaver(db), listFocusAspects(db)]);
    res.render('dashboard/about', {
      partnerships,
      employeeRoles: roles.filter((r) => r.kind === 'medarbejder'),
      leaderRoles: roles.filter((r) => r.kind === 'leder'),
      kerneopgaver,
      focusAspects,
    });
  });

  // The bench's yardstick (only when the bench starts the server): the same middleware as any
  // signed-in page and no domain query, so a page's ratio to it is what its own work costs.
  if (config.benchBaseline) {
    router.get('/baseline', (_req, res) => {
      res.render('dashboard/baseline');
    });
  }

  return router;
}
