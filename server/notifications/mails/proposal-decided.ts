// A proposal for the agenda taken in or declined: to its proposer.
import type { Letter } from '../send';
import type { Recipient } from '../recipients';
import { meetingName, meetingPath, type MeetingFacts } from './facts';

export type ProposalDecision = { accepted: true; meeting: MeetingFacts; itemId: number } | { accepted: false; reason: string };

export function proposalDecidedLetter(to: Recipient, proposal: { id: number; title: string }, d: ProposalDecision): Letter {
  if (d.accepted) {
    return {
      subject: `Dit forslag er på dagsordenen: ${proposal.title}`,
      content: {
        greeting: `Hej ${to.name}`,
        paragraphs: [`Dit forslag "${proposal.title}" er taget med på dagsordenen til mødet ${meetingName(d.meeting)}.`],
        action: { label: 'Se punktet på dagsordenen', href: `${meetingPath(d.meeting.id)}#punkt-${d.itemId}` },
      },
    };
  }
  return {
    subject: `Dit forslag er ikke taget med: ${proposal.title}`,
    content: {
      greeting: `Hej ${to.name}`,
      paragraphs: [`Dit forslag "${proposal.title}" er ikke taget med på dagsordenen.`, `Begrundelse: ${d.reason}`],
      action: { label: 'Se forslaget', href: `/proposals/${proposal.id}` },
    },
  };
}
