// What other features use of the reports: the period summaries the overview's charts draw.
export { actionsPerMonth, attendanceByParty, initiativesByStatusAndTask, roleEvidenceByQuarter } from './queries';
