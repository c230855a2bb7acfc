// What the four minutes formats have in common: the file name, which version they show as the
// approval workflow moves on, and who may download them.
import MarkdownIt from 'markdown-it';
import request from 'supertest';
import { signedIn, type SignedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { aMeeting, aUser, anAgendaItem } from '../helpers/factories';
import { FILE_SLUG, download, fullMeeting, openDocx, pdfPagesOfMany, visibleText, wordParagraphs } from './fixture';

const FORMATS = ['pdf', 'docx', 'md', 'print'] as const;
type Format = (typeof FORMATS)[number];

const urlOf = (meetingId: number, format: Format) => (format === 'print' ? `/meetings/${meetingId}/minutes/print` : `/meetings/${meetingId}/minutes.${format}`);

/** Everything a reader of a download sees, as plain text (PDFs are read later, all at once). */
async function readerText(format: Exclude<Format, 'pdf'>, body: Buffer): Promise<string> {
  switch (format) {
    case 'docx': {
      const docx = await openDocx(body);
      return [...docx.headers.flatMap(wordParagraphs), ...docx.paragraphs].join('\n');
    }
    case 'md':
      return visibleText(new MarkdownIt({ html: true }).render(body.toString('utf8')));
    case 'print':
      return visibleText(body.toString('utf8'));
  }
}

/**
 * Checks what every format shows at successive steps of the workflow. Each step downloads the
 * four formats at once; the PDFs are read with pdfjs together at the end (one child process).
 */
function workflowChecks(user: SignedIn, meetingId: number) {
  const pending: Array<{ step: string; check: (text: string) => void; pdf: Buffer }> = [];
  return {
    async expectEveryFormat(step: string, check: (text: string) => void) {
      for (const format of FORMATS) {
        const res = await download(user.agent, urlOf(meetingId, format));
        expect([step, format, res.status]).toEqual([step, format, 200]);
        if (format === 'pdf') {
          pending.push({ step, check, pdf: res.body });
          continue;
        }
        runCheck(`${step} (${format})`, check, await readerText(format, res.body));
      }
    },
    checkPdfs() {
      const texts = pdfPagesOfMany(pending.map((p) => p.pdf));
      pending.forEach((p, i) => runCheck(`${p.step} (pdf)`, p.check, texts[i].join('\n')));
    },
  };
}

function runCheck(label: string, check: (text: string) => void, text: string) {
  try {
    check(text.replace(/\s+/g, ' '));
  } catch (err) {
    throw new Error(`${label}: ${(err as Error).message}`);
  }
}

describe('minutes exports', () => {
  it('name the file referat-YYYY-MM-DD-<ascii slug>.<ext> in Content-Disposition', async () => {
    const { app, db } = await testApp();
    const reader = await signedIn(app, db, 'laeser');
    const { meetingId } = await fullMeeting(db, 'approved');
    const expected: Record<Format, string> = {
      pdf: `attachment; filename="${FILE_SLUG}.pdf"`,
      docx: `attachment; filename="${FILE_SLUG}.docx"`,
      md: `attachment; filename="${FILE_SLUG}.md"`,
      print: `inline; filename="${FILE_SLUG}.html"`,
    };
    for (const format of FORMATS) {
      const res = await download(reader.agent, urlOf(meetingId, format));
      expect([format, res.headers['content-disposition']]).toEqual([format, expected[format]]);
    }
  });

  it('date the file name by the Copenhagen day, also just after midnight in summer', async () => {
    const { app, db } = await testApp();
    const reader = await signedIn(app, db, 'laeser');
    const meetingId = await aMeeting(db, { title: 'Natmøde: Æbler & Øl!', day: '2026-06-11', start_time: '00:30', end_time: '01:30' });
    const res = await download(reader.agent, `/meetings/${meetingId}/minutes.pdf`);
    expect(res.headers['content-disposition']).toBe('attachment; filename="referat-2026-06-11-natmoede-aebler-oel.pdf"');
  });

  it('show the draft marked UDKAST until every party approved, then the approved version, even while a correction is a draft', async () => {
    const { app, db } = await testApp();
    const consultant = await signedIn(app, db, 'konsulent');
    const foa = await signedIn(app, db, 'repraesentant', { personName: 'Hanne M. Petersen' });
    const kommune = await signedIn(app, db, 'repraesentant', { personName: 'René G. Nielsen' });
    const { meetingId } = await fullMeeting(db, 'draft');
    const approvedAt = 'tirsdag 24. november 2026 kl. 11.00'; // the test clock
    const { expectEveryFormat, checkPdfs } = workflowChecks(consultant, meetingId);

    // A draft never sent: UDKAST, nobody approved.
    await expectEveryFormat('never sent', (text) => {
      expect(text).toContain('UDKAST');
      expect(text).toContain('FOA: ikke godkendt');
      expect(text).toContain('Version 1');
    });

    // Sent, and approved by FOA only: still UDKAST, with FOA's approval shown.
    expect((await consultant.post(`/meetings/${meetingId}/minutes/send`)).status).toBe(303);
    expect((await foa.post(`/meetings/${meetingId}/minutes/approve`)).status).toBe(303);
    await expectEveryFormat('approved by FOA only', (text) => {
      expect(text).toContain('UDKAST');
      expect(text).toContain(`FOA: godkendt af Hanne M. Petersen ${approvedAt}`);
      expect(text).toContain('Hedensted Kommune: ikke godkendt');
    });

    // Both parties approved: version 1, no UDKAST.
    expect((await kommune.post(`/meetings/${meetingId}/minutes/approve`)).status).toBe(303);
    const approvedV1 = (text: string) => {
      expect(text).not.toContain('UDKAST');
      expect(text).toContain(`Hedensted Kommune: godkendt af René G. Nielsen ${approvedAt}`);
      expect(text).toContain(`FOA: godkendt af Hanne M. Petersen ${approvedAt}`);
      expect(text).toContain('Version 1');
      expect(text).not.toContain('Version 2');
      expect(text).not.toContain('Tilføjet i version 2');
    };
    await expectEveryFormat('approved by both', approvedV1);

    // A correction opens version 2 as a draft and changes the meeting: the exports keep version 1.
    expect((await consultant.post(`/meetings/${meetingId}/minutes/correct`, { change_note: 'Rettet stavefejl i punkt 2' })).status).toBe(303);
    expect((await consultant.post(`/meetings/${meetingId}/agenda`, { title: 'Tilføjet i version 2', kind: 'orientering' })).status).toBe(303);
    expect(await db.selectFrom('agenda_items').select('id').where('title', '=', 'Tilføjet i version 2').executeTakeFirst()).toBeDefined();
    await expectEveryFormat('version 2 is a draft', approvedV1);

    // Version 2 sent and approved by one party only: still version 1.
    expect((await consultant.post(`/meetings/${meetingId}/minutes/send`)).status).toBe(303);
    expect((await foa.post(`/meetings/${meetingId}/minutes/approve`)).status).toBe(303);
    await expectEveryFormat('version 2 approved by FOA only', approvedV1);

    // Version 2 approved by both: it is what the exports show now.
    expect((await kommune.post(`/meetings/${meetingId}/minutes/approve`)).status).toBe(303);
    await expectEveryFormat('version 2 approved by both', (text) => {
      expect(text).not.toContain('UDKAST');
      expect(text).toContain('Version 2 – ændret: Rettet stavefejl i punkt 2');
      expect(text).toContain('Tilføjet i version 2');
      expect(text).toContain(`FOA: godkendt af Hanne M. Petersen ${approvedAt}`);
    });
    checkPdfs();
  }, 30_000);

  it('send a signed-out visitor to the login page', async () => {
    const { app, db } = await testApp();
    await aUser(db, 'konsulent'); // setup is done, so the login guard answers (not /setup)
    const meetingId = await aMeeting(db);
    await anAgendaItem(db, meetingId, { title: 'Hemmeligt punkt' });
    const urls = [...FORMATS.map((f) => urlOf(meetingId, f)), `/meetings/${meetingId}/invite.ics`, '/actions.csv', '/actions.csv?status=aaben'];
    for (const url of urls) {
      const res = await request(app).get(url);
      expect([url, res.status]).toEqual([url, 303]);
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(url)}`);
      expect(res.text).not.toContain('Hemmeligt punkt');
    }
  });

  it('answer 404 for a meeting that does not exist', async () => {
    const { app, db } = await testApp();
    const reader = await signedIn(app, db, 'laeser');
    const meetingId = await aMeeting(db);
    for (const id of [meetingId + 1000, 'abc', '1e1']) {
      for (const url of [...FORMATS.map((f) => urlOf(id as number, f)), `/meetings/${id}/invite.ics`]) {
        const res = await reader.agent.get(url);
        expect([url, res.status]).toEqual([url, 404]);
        expect(res.headers['content-disposition']).toBeUndefined();
      }
    }
  });

  it('are open to every signed-in role, including læser and repræsentant', async () => {
    const { app, db } = await testApp();
    const { meetingId } = await fullMeeting(db, 'approved');
    for (const role of ['laeser', 'repraesentant', 'konsulent', 'admin'] as const) {
      const user = await signedIn(app, db, role);
      for (const url of [...FORMATS.map((f) => urlOf(meetingId, f)), `/meetings/${meetingId}/invite.ics`, '/actions.csv']) {
        expect([role, url, (await download(user.agent, url)).status]).toEqual([role, url, 200]);
      }
    }
  });
});
