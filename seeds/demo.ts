// Demonstration content (`npm run cli -- seed --demo`): a fictional year of the Uldum partnership
// in its own demo partnership, so a new user sees the tool at work. Everything is written through
// the services (each write audited in its own transaction, search index kept by the triggers),
// dated relative to `at`, and only what is missing is added. The real representatives from the
// agreement say, decide and approve nothing here. One file per area:
//   demo-people.ts       invented staff, volunteer and representatives
//   demo-partnership.ts  the demo partnership with the real parties and the invented representatives
//   demo-initiatives.ts  initiatives and trial actions with their history, effects and stories
//   demo-meetings.ts     meetings, agendas, attendance, actions and minutes with approvals
//   demo-roles.ts        role evidence for all eight roles
//   demo-learnings.ts    learnings, dilemmas and "forklar eller fjern"
import type { Db } from '../server/db/database';
import { seedDemoInitiatives } from './demo-initiatives';
import { raiseDemoDilemmas, seedDemoLearningsAndFef, settleDemoDilemmas } from './demo-learnings';
import { seedDemoMeetings } from './demo-meetings';
import { seedDemoPartnership } from './demo-partnership';
import { seedDemoPeople } from './demo-people';
import { seedDemoRoleEvidence } from './demo-roles';
import { calendarAt } from './demo-support';

export { DEMO_PARTNERSHIP_NAME } from './demo-support';

export async function seedDemo(db: Db, at: Date): Promise<{ created: number }> {
  const cal = calendarAt(at);
  const people = await seedDemoPeople(db, cal);
  const partnership = await seedDemoPartnership(db, cal, people.person);
  let created = people.created + partnership.created;
  created += await seedDemoInitiatives(db, cal, partnership.partnershipId, people.person);
  // Dilemmas are raised before the meetings that put them on the agenda, and settled after.
  const raised = await raiseDemoDilemmas(db, cal);
  created += raised.length;
  created += await seedDemoMeetings(db, cal, partnership.partnershipId, people.person);
  await settleDemoDilemmas(db, cal, raised);
  created += await seedDemoRoleEvidence(db, cal, people.person);
  created += await seedDemoLearningsAndFef(db, cal, people.person);
  return { created };
}
