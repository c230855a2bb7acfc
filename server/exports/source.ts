// What the minutes exports show: the latest version all parties approved, or else the current
// draft, marked UDKAST. Every writer (PDF, DOCX, Markdown, print) renders this one value.
import type { Db } from '../db/database';
import type { DocumentApproval, MinutesDocument } from '../meetings/minutes-document';
import { minutesView, type Party } from '../meetings/minutes';

export interface MinutesExport {
  doc: MinutesDocument;
  approvals: DocumentApproval[];
  parties: Party[];
  /** Not approved by every party: every format marks it UDKAST. */
  draft: boolean;
}

export async function minutesForExport(db: Db, meetingId: number): Promise<MinutesExport> {
  const view = await minutesView(db, meetingId);
  if (view.latestApproved) {
    return { doc: view.latestApproved.document, approvals: view.latestApproved.approvals, parties: view.parties, draft: false };
  }
  return { doc: view.document, approvals: view.approvals, parties: view.parties, draft: true };
}

/** The approval line per party, in the parties' order: "FOA: godkendt af … den …". */
export function approvalLines(e: MinutesExport): string[] {
  return e.parties.map((party) => {
    const a = e.approvals.find((x) => x.party === party.name);
    return a ? `${party.name}: godkendt af ${a.person} ${a.at}` : `${party.name}: ikke godkendt`;
  });
}
