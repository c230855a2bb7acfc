// The typed database interface Kysely checks every query against. One interface per table.
// Dates and times are ISO-8601 text (UTC for instants, YYYY-MM-DD for days); booleans are 0/1.
import type { Generated, Selectable } from 'kysely';

/** A 0/1 integer column that reads as number and is written as number. */
export type Flag = number;

export const APP_ROLES = ['admin', 'konsulent', 'repraesentant', 'laeser'] as const;
export type AppRole = (typeof APP_ROLES)[number];

export const ORGANISATION_KINDS = [
  'kommune',
  'fagforening',
  'institution',
  'forening',
  'frivillig organisation',
  'virksomhed',
  'uddannelsesinstitution',
  'borgergruppe',
  'andet',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const PERSON_POSITIONS = ['repraesentant', 'konsulent', 'leder', 'medarbejder', 'frivillig', 'andet'] as const;
export type PersonPosition = (typeof PERSON_POSITIONS)[number];

export interface OrganisationTable {
  id: Generated<number>;
  name: string;
  kind: OrganisationKind;
  description: string;
  active: Flag;
  sort_key: string;
  search_key: string;
  created_at: string;
  updated_at: string;
}

export interface PersonTable {
  id: Generated<number>;
  name: string;
  title: string;
  organisation_id: number | null;
  email: string | null;
  phone: string | null;
  position: PersonPosition;
  active: Flag;
  anonymised_at: string | null;
  sort_key: string;
  search_key: string;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: Generated<number>;
  email: string;
  password_hash: string;
  role: AppRole;
  person_id: number;
  disabled: Flag;
  last_login_at: string | null;
  /** Secret in the calendar feed's URL; null until the user asks for one. */
  calendar_token: string | null;
  /** The TOTP key, sealed (server/web/sealed.ts); null without two-factor (migration 0017). */
  totp_secret_sealed: Generated<string | null>;
  totp_enabled_at: Generated<string | null>;
  /** The time step of the last code accepted: that code and older ones are refused. */
  totp_last_step: Generated<number | null>;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  sid: string;
  data: string;
  user_id: number | null;
  expires_at: string;
  /** Sign-in, last request (to the store's granularity), browser and address (migration 0017). */
  created_at: Generated<string | null>;
  last_seen_at: Generated<string | null>;
  user_agent: Generated<string>;
  ip: Generated<string>;
}

export interface PartnershipTable {
  id: Generated<number>;
  name: string;
  purpose: string;
  project_area: string;
  start_date: string | null;
  meeting_cadence: string;
  /** Deadlines: the agenda released this many days before a meeting, draft minutes within … after, approval within … */
  agenda_days: Generated<number>;
  /** The municipality's journal (case) number for the partnership's minutes. */
  journal_number: Generated<string>;
  minutes_days: Generated<number>;
  approval_days: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface PartnershipPartyTable {
  partnership_id: number;
  organisation_id: number;
  sort_order: number;
}

/** A person's place in a partnership: a party's representative, and whether they convene meetings. */
export interface PartnershipMemberTable {
  partnership_id: number;
  person_id: number;
  is_representative: Flag;
  convenes_meetings: Flag;
}

export interface RoleTable {
  key: string;
  kind: 'medarbejder' | 'leder';
  name: string;
  description: string;
  source: string;
  sort_order: number;
  retired: Flag;
}

export interface KerneopgaveTable {
  key: string;
  name: string;
  movement: string;
  sort_order: number;
}

export interface FocusAspectTable {
  key: string;
  name: string;
  description: string;
  sort_order: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  action: 'create' | 'update' | 'delete';
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
}

/** One failed attempt under a counter's key (migrations/0020, server/web/rate-limit.ts). */
export interface FailureTable {
  id: Generated<number>;
  key: string;
  at: string;
}

/** This installation's settings (migrations/0012): e.g. installation_id. */
/** A bearer token of the open-data API (migrations/0023): only its SHA-256 is kept. */
export interface ApiTokenTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  created_by: number | null;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface AppSettingTable {
  key: string;
  value: string;
}

export interface Database extends MeetingsDatabase, InitiativesDatabase, AttachmentsDatabase, SignInDatabase, MailDatabase, NotificationsDatabase {
  app_settings: AppSettingTable;
  organisations: OrganisationTable;
  people: PersonTable;
  users: UserTable;
  sessions: SessionTable;
  partnerships: PartnershipTable;
  partnership_parties: PartnershipPartyTable;
  partnership_members: PartnershipMemberTable;
  roles: RoleTable;
  kerneopgaver: KerneopgaveTable;
  focus_aspects: FocusAspectTable;
  audit_log: AuditLogTable;
  failures: FailureTable;
  api_tokens: ApiTokenTable;
  reviews: ReviewTable;
}

export type Organisation = Selectable<OrganisationTable>;
export type Person = Selectable<PersonTable>;
export type User = Selectable<UserTable>;
export type Role = Selectable<RoleTable>;
export type AuditEntry = Selectable<AuditLogTable>;

// ---- meetings (migration 0002) ----

export const MEETING_KINDS = ['partnerskabsmoede', 'arbejdsgruppe', 'workshop', 'dialogmoede', 'andet'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_STATUSES = ['planlagt', 'afholdt', 'aflyst'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const ATTENDANCE = ['inviteret', 'deltog', 'afbud', 'udeblev'] as const;
export type Attendance = (typeof ATTENDANCE)[number];
export const AGENDA_KINDS = ['orientering', 'droeftelse', 'beslutning'] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];
export const ACTION_STATUSES = ['aaben', 'i_gang', 'udfoert', 'droppet'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const MINUTES_STATUSES = ['kladde', 'til_godkendelse', 'godkendt'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];

export interface MeetingTable {
  id: Generated<number>;
  partnership_id: number;
  title: string;
  kind: MeetingKind;
  starts_at: string;
  ends_at: string;
  place: string;
  status: MeetingStatus;
  cancel_reason: string | null;
  convener_id: number | null;
  chair_id: number | null;
  minute_taker_id: number | null;
  evaluation_value: number | null;
  evaluation_led_to_action: Flag | null;
  evaluation_note: string;
  /** Raised on every change that matters to a calendar (RFC 5545 SEQUENCE). */
  sequence: number;
  /** When "Udsend dagsorden" released the agenda, and when it was last changed after that. */
  agenda_released_at: string | null;
  agenda_revised_at: string | null;
  journal_number: Generated<string>;
  /** The series the meeting is an occurrence of (migration 0015), if any. */
  series_id: Generated<number | null>;
  created_at: string;
  updated_at: string;
}

export const REPLIES = ['tilmeldt', 'afbud'] as const;
export type Reply = (typeof REPLIES)[number];

export interface MeetingParticipantTable {
  meeting_id: number;
  person_id: number;
  attendance: Attendance;
  /** The answer from the invitation's links (migration 0019), null until answered. */
  reply: Generated<Reply | null>;
  replied_at: Generated<string | null>;
}

export interface AgendaItemTable {
  id: Generated<number>;
  meeting_id: number;
  position: number;
  kind: AgendaKind;
  title: string;
  background: string;
  discussion: string;
  decision: string;
  /** The proposed decision (indstilling), written before the meeting. */
  proposal: Generated<string>;
  presenter_id: number | null;
  /** Minutes allotted to the item on the agenda. */
  duration_minutes: number | null;
  /** Postponed (udsat) to the next meeting. */
  postponed: Generated<Flag>;
  /** A closed item (lukket punkt): its content only for the konsulent and the partnership's representatives. */
  closed: Generated<Flag>;
  closed_reason: Generated<string>;
  /** The person who proposed the item, when it came from an accepted proposal (migration 0014). */
  proposed_by: Generated<number | null>;
  /** The postponed item of an earlier meeting this item continues (migration 0015). */
  postponed_from_item_id: Generated<number | null>;
  /** Most Significant Change: the citizen story a decision item chose, and why (migration 0024). */
  msc_story_id: Generated<number | null>;
  msc_reason: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface ActionTable {
  id: Generated<number>;
  meeting_id: number;
  agenda_item_id: number | null;
  text: string;
  owner_id: number | null;
  due_date: string | null;
  status: ActionStatus;
  completed_at: string | null;
  /** The initiative the action concerns, if any (migration 0004). */
  initiative_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface CarriedOverActionTable {
  agenda_item_id: number;
  action_id: number;
}

export interface MinutesTable {
  id: Generated<number>;
  meeting_id: number;
  status: MinutesStatus;
  version: number;
  free_text: string;
  next_meeting: string;
  /** What changed in this version compared with the one before (versions 2 and up). */
  change_note: string;
  created_at: string;
  updated_at: string;
}

export interface MinutesVersionTable {
  id: Generated<number>;
  minutes_id: number;
  version: number;
  document: string;
  change_note: string;
  sent_at: string;
  sent_by: number | null;
  locked_at: string | null;
}

/** A party's protocol remark at approval, or its refusal to approve, on one version (migration 0016). */
export interface MinutesRemarkTable {
  id: Generated<number>;
  minutes_id: number;
  version: number;
  organisation_id: number;
  person_id: number;
  /** The item's number in that version's document; null for the minutes as a whole. */
  item_number: number | null;
  kind: 'bemaerkning' | 'godkender_ikke';
  text: string;
  created_at: string;
}

export type ItemAttendanceKind = 'fravaerende' | 'inhabil' | 'gaest';

export interface ItemAttendanceTable {
  id: Generated<number>;
  agenda_item_id: number;
  person_id: number;
  kind: ItemAttendanceKind;
  note: Generated<string>;
}

export interface PublicLinkTable {
  id: Generated<number>;
  meeting_id: number;
  token: string;
  created_at: string;
  revoked_at: string | null;
}

export interface MinutesApprovalTable {
  id: Generated<number>;
  minutes_id: number;
  version: number;
  organisation_id: number;
  person_id: number;
  approved_at: string;
}

export interface CommentTable {
  id: Generated<number>;
  target_type: 'meeting' | 'minutes' | 'initiative';
  target_id: number;
  person_id: number;
  body: string;
  created_at: string;
}

/** A partnership's template of standard agenda items (migration 0015). */
export interface StandardItemTable {
  id: Generated<number>;
  partnership_id: number;
  position: number;
  title: string;
  kind: AgendaKind;
  background: string;
  /** The item that lists the open actions carried over ("Opfølgning fra sidste møde"). */
  follow_up: Flag;
  created_at: string;
  updated_at: string;
}

export const SERIES_RULES = ['weeks', 'monthly'] as const;
export type SeriesRule = (typeof SERIES_RULES)[number];

/** A meeting series (migration 0015): every N weeks, or the nth weekday of each month. */
export interface MeetingSeriesTable {
  id: Generated<number>;
  partnership_id: number;
  title: string;
  kind: MeetingKind;
  rule: SeriesRule;
  interval_weeks: number | null;
  /** 1–4, or -1 for the last such weekday of the month. */
  nth: number | null;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Copenhagen wall-clock "HH:MM". */
  start_time: string;
  end_time: string;
  place: string;
  first_day: string;
  end_day: string | null;
  max_count: number | null;
  created_at: string;
  updated_at: string;
}

export interface MeetingsDatabase {
  standard_items: StandardItemTable;
  meeting_series: MeetingSeriesTable;
  meetings: MeetingTable;
  meeting_participants: MeetingParticipantTable;
  agenda_items: AgendaItemTable;
  actions: ActionTable;
  carried_over_actions: CarriedOverActionTable;
  minutes: MinutesTable;
  minutes_versions: MinutesVersionTable;
  minutes_approvals: MinutesApprovalTable;
  minutes_remarks: MinutesRemarkTable;
  item_attendance: ItemAttendanceTable;
  public_links: PublicLinkTable;
  comments: CommentTable;
}

// ---- initiatives, effects, roles evidence, learnings, dilemmas, forklar eller fjern (0004) ----

export const INITIATIVE_KINDS = ['initiativ', 'proevehandling'] as const;
export type InitiativeKind = (typeof INITIATIVE_KINDS)[number];
export const INITIATIVE_STATUSES = ['ide', 'planlagt', 'afproeves', 'evalueres', 'forankret', 'stoppet', 'pause'] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];
export const CITIZEN_ROLES = ['modtager', 'medskaber', 'initiativtager'] as const;
export type CitizenRole = (typeof CITIZEN_ROLES)[number];
export const INVOLVEMENT_LEVELS = ['information', 'hoering', 'inddragelse', 'deltagelse', 'samskabelse'] as const;
export type InvolvementLevel = (typeof INVOLVEMENT_LEVELS)[number];
export const TRIAL_DECISIONS = ['forankres', 'justeres', 'stoppes'] as const;
export type TrialDecision = (typeof TRIAL_DECISIONS)[number];
export const LEARNING_OUTCOMES = ['virkede', 'delvist', 'virkede_ikke'] as const;
export type LearningOutcome = (typeof LEARNING_OUTCOMES)[number];
export const DILEMMA_STATUSES = ['rejst', 'droeftet', 'haandteres', 'parkeret'] as const;
export type DilemmaStatus = (typeof DILEMMA_STATUSES)[number];
export const FEF_ORIGINS = ['lovkrav', 'retningslinje', 'egen_fortolkning', 'selvopfundet'] as const;
export type FefOrigin = (typeof FEF_ORIGINS)[number];
export const FEF_DECISIONS = ['afventer', 'forklaret_bevares', 'aendret', 'fjernet'] as const;
export type FefDecision = (typeof FEF_DECISIONS)[number];

export interface InitiativeTable {
  id: Generated<number>;
  partnership_id: number | null;
  kind: InitiativeKind;
  title: string;
  description: string;
  status: InitiativeStatus;
  start_date: string | null;
  end_date: string | null;
  intended_movement: string;
  citizen_role: CitizenRole | null;
  involvement_level: InvolvementLevel | null;
  funding: string;
  funding_ends: string | null;
  anchoring_plan: string;
  hypothesis: string;
  freedom_from: string;
  freedom_to: string;
  trial_start: string | null;
  trial_end: string | null;
  success_criteria: string;
  result: string;
  trial_decision: TrialDecision | null;
  sort_key: string;
  created_at: string;
  updated_at: string;
}

export interface InitiativeKerneopgaveTable { initiative_id: number; kerneopgave_key: string }
export interface InitiativePlaceTable { initiative_id: number; organisation_id: number }
export interface InitiativeRoleTable { initiative_id: number; role_key: string }
export interface InitiativePartnerTable {
  id: Generated<number>;
  initiative_id: number;
  organisation_id: number | null;
  person_id: number | null;
  contribution: string;
}
export interface InitiativeStatusLogTable {
  id: Generated<number>;
  initiative_id: number;
  from_status: InitiativeStatus | null;
  to_status: InitiativeStatus;
  reason: string;
  person_id: number | null;
  at: string;
}
export interface InitiativeUpdateTable {
  id: Generated<number>;
  initiative_id: number;
  date: string;
  happened: string;
  effect_seen: string;
  learning: string;
  person_id: number | null;
  created_at: string;
}
export interface AgendaItemInitiativeTable { agenda_item_id: number; initiative_id: number }
export interface EffectMeasureTable {
  id: Generated<number>;
  initiative_id: number;
  indicator: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  created_at: string;
  updated_at: string;
  /** How often the measure is followed up (migration 0025). */
  period_kind: Generated<EffectPeriodKind>;
}
export const EFFECT_PERIOD_KINDS = ['kvartal', 'maaned'] as const;
export type EffectPeriodKind = (typeof EFFECT_PERIOD_KINDS)[number];
export const EFFECT_UPDATE_STATUSES = ['kladde', 'til_godkendelse', 'returneret', 'godkendt'] as const;
export type EffectUpdateStatus = (typeof EFFECT_UPDATE_STATUSES)[number];
/** One effect measure's update for one period (YYYY-MM or YYYY-Qn), reviewed by a representative. */
export interface EffectUpdateTable {
  id: Generated<number>;
  measure_id: number;
  period: string;
  value: number | null;
  narrative: string;
  evidence_url: string;
  evidence_attachment_id: number | null;
  reported_by: number | null;
  status: EffectUpdateStatus;
  return_reason: string;
  approved_by: number | null;
  approved_at: string | null;
  created_at: string;
  updated_at: string;
}
export interface EffectMeasurementTable {
  id: Generated<number>;
  effect_measure_id: number;
  date: string;
  value: number;
  note: string;
  created_at: string;
}
export interface CitizenStoryTable {
  id: Generated<number>;
  initiative_id: number;
  date: string;
  kerneopgave_key: string | null;
  story: string;
  person_id: number | null;
  created_at: string;
}
export interface RoleEvidenceTable {
  id: Generated<number>;
  role_key: string;
  date: string;
  person_id: number | null;
  team: string;
  organisation_id: number | null;
  initiative_id: number | null;
  meeting_id: number | null;
  note: string;
  recorded_by: number | null;
  created_at: string;
  /** The role's progress marker the note shows (migration 0022); null: none chosen. */
  marker_id: number | null;
}
/** A graded progress marker of a role: level 1 "forventer at se", 2 "vil gerne se", 3 "ville elske at se". */
export interface RoleMarkerTable {
  id: Generated<number>;
  role_key: string;
  level: number;
  text: string;
  position: number;
  retired: Flag;
  created_at: string;
  updated_at: string;
}
export interface LearningTable {
  id: Generated<number>;
  title: string;
  date: string;
  what_we_did: string;
  what_happened: string;
  what_next: string;
  outcome: LearningOutcome;
  created_at: string;
  updated_at: string;
}
export interface LearningInitiativeTable { learning_id: number; initiative_id: number }
export interface LearningMeetingTable { learning_id: number; meeting_id: number }
export interface DilemmaTable {
  id: Generated<number>;
  title: string;
  pole_a: string;
  pole_b: string;
  context: string;
  status: DilemmaStatus;
  created_at: string;
  updated_at: string;
}
export interface DilemmaInitiativeTable { dilemma_id: number; initiative_id: number }
export interface DilemmaMeetingTable { dilemma_id: number; meeting_id: number }
export interface AgendaItemDilemmaTable { agenda_item_id: number; dilemma_id: number }
export interface FefItemTable {
  id: Generated<number>;
  title: string;
  applies_to: string;
  origin: FefOrigin;
  raised_by: number | null;
  decision: FefDecision;
  rationale: string;
  hours_saved_per_month: number | null;
  decided_meeting_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface InitiativesDatabase {
  initiatives: InitiativeTable;
  initiative_kerneopgaver: InitiativeKerneopgaveTable;
  initiative_places: InitiativePlaceTable;
  initiative_roles: InitiativeRoleTable;
  initiative_partners: InitiativePartnerTable;
  initiative_status_log: InitiativeStatusLogTable;
  initiative_updates: InitiativeUpdateTable;
  agenda_item_initiatives: AgendaItemInitiativeTable;
  effect_measures: EffectMeasureTable;
  effect_measurements: EffectMeasurementTable;
  effect_updates: EffectUpdateTable;
  citizen_stories: CitizenStoryTable;
  role_evidence: RoleEvidenceTable;
  role_markers: RoleMarkerTable;
  learnings: LearningTable;
  learning_initiatives: LearningInitiativeTable;
  learning_meetings: LearningMeetingTable;
  dilemmas: DilemmaTable;
  dilemma_initiatives: DilemmaInitiativeTable;
  dilemma_meetings: DilemmaMeetingTable;
  agenda_item_dilemmas: AgendaItemDilemmaTable;
  fef_items: FefItemTable;
}

// ---- bilag and the representatives' proposals (0014) ----

/** One stored file content, by its SHA-256: the same file attached twice is stored once. */
export interface AttachmentContentTable {
  sha256: string;
  /** The key of its rows in attachment_chunks. */
  chunk_key: string;
  size: number;
  created_at: string;
}

/** A content's bytes in rows of at most 1 MB, in order of `seq`; a key no content names is an unfinished upload. */
export interface AttachmentChunkTable {
  chunk_key: string;
  seq: number;
  data: Buffer;
}

export interface AttachmentTable {
  id: Generated<number>;
  /** Null only while the attachment belongs to a proposal for "næste møde". */
  meeting_id: number | null;
  /** Null: the meeting as a whole. */
  agenda_item_id: number | null;
  /** Set while the attachment belongs to a proposal not yet taken into an agenda. */
  proposal_id: number | null;
  title: string;
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  /** 1 unless marked "ikke offentlig" (issue 14). */
  public: Generated<Flag>;
  created_at: string;
  created_by: number | null;
}

export const PROPOSAL_STATUSES = ['aaben', 'optaget', 'afvist'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** A representative's proposal for an agenda item (forslag til dagsorden). */
export interface ProposalTable {
  id: Generated<number>;
  partnership_id: number;
  /** Null: "næste møde", the partnership's next planned meeting when it is accepted. */
  meeting_id: number | null;
  title: string;
  background: string;
  kind: AgendaKind;
  status: ProposalStatus;
  proposed_by: number;
  decline_reason: string;
  /** The agenda item it became, once accepted. */
  agenda_item_id: number | null;
  decided_at: string | null;
  decided_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface AttachmentsDatabase {
  attachment_contents: AttachmentContentTable;
  attachment_chunks: AttachmentChunkTable;
  attachments: AttachmentTable;
  proposals: ProposalTable;
}

export type Attachment = Selectable<AttachmentTable>;
export type Proposal = Selectable<ProposalTable>;

// ---- signing in with an OpenID provider, two-factor (0017) ----

/** An OpenID Connect provider people sign in with ("Log ind med Hedensted Kommune"). */
export interface AuthProviderTable {
  id: Generated<number>;
  /** In the redirect URI: /login/oidc/<slug>/callback. */
  slug: string;
  display_name: string;
  issuer: string;
  client_id: string;
  /** Sealed with a key derived from SESSION_SECRET; never shown again. '' for none. */
  client_secret_sealed: string;
  scopes: string;
  email_claim: string;
  /** '' when the administrator sets the roles. */
  role_claim: string;
  /** JSON object: the claim's value → a role. */
  role_map: string;
  /** The first sign-in of an unknown subject may be linked to the account with its verified e-mail. */
  allow_linking: Flag;
  enabled: Flag;
  position: number;
  created_at: string;
  updated_at: string;
}

/** An account's link to a provider's subject: `iss` + `sub`, never the e-mail. */
export interface UserIdentityTable {
  id: Generated<number>;
  user_id: number;
  provider_id: number | null;
  issuer: string;
  subject: string;
  email: string;
  created_at: string;
}

export const ACCESS_REQUEST_STATUSES = ['aaben', 'godkendt', 'afvist'] as const;
export type AccessRequestStatus = (typeof ACCESS_REQUEST_STATUSES)[number];

/** A subject no account has signed in: an administrator grants access or declines. */
export interface AccessRequestTable {
  id: Generated<number>;
  provider_id: number | null;
  issuer: string;
  subject: string;
  email: string;
  email_verified: Flag;
  name: string;
  claimed_role: AppRole | null;
  status: AccessRequestStatus;
  user_id: number | null;
  created_at: string;
  decided_at: string | null;
  decided_by: number | null;
}

export interface RecoveryCodeTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

export interface SignInDatabase {
  auth_providers: AuthProviderTable;
  user_identities: UserIdentityTable;
  access_requests: AccessRequestTable;
  recovery_codes: RecoveryCodeTable;
}

export type AuthProvider = Selectable<AuthProviderTable>;
export type AccessRequest = Selectable<AccessRequestTable>;

// ---- e-mail (migration 0018) ----

export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** One e-mail to one recipient, kept until delivered (server/mail/). */
export interface OutboxTable {
  id: Generated<number>;
  /** The Message-ID header, set at the first claim. */
  message_id: string | null;
  kind: string;
  to_address: string;
  to_name: string;
  person_id: number | null;
  user_id: number | null;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** JSON array of the attachments (server/mail/message.ts). */
  attachments: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string | null;
  first_attempt_at: string | null;
  claimed_at: string | null;
  last_error: string | null;
  resent_from: number | null;
  created_at: string;
  sent_at: string | null;
}

export const ACCOUNT_TOKEN_PURPOSES = ['reset', 'invitation'] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

/** A link mailed to an account: reset the password, or set the first one from an invitation. */
export interface AccountTokenTable {
  id: Generated<number>;
  user_id: number;
  purpose: AccountTokenPurpose;
  /** SHA-256 (hex) of the token in the link; the token itself is never stored. */
  token_hash: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface MailDatabase {
  outbox: OutboxTable;
  account_tokens: AccountTokenTable;
}

export type OutboxRow = Selectable<OutboxTable>;

// ---- notifications (migration 0019) ----

/** A user's choice for one topic of messages; a topic without a row has its default. */
export interface MailPreferenceTable {
  user_id: number;
  topic: string;
  enabled: Flag;
}

/** A reminder the daily run has sent, by its key (e.g. 'action:12:due_soon:2026-11-27'). */
export interface SentReminderTable {
  key: string;
  sent_at: string;
}

export interface NotificationsDatabase {
  mail_preferences: MailPreferenceTable;
  sent_reminders: SentReminderTable;
}

// ---- review dates (migration 0021) ----

export const REVIEW_KINDS = ['beslutning', 'afproevning', 'fef'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

/** When a decision, a trial action or a forklar-eller-fjern item is taken up again ("tages op igen"). */
export interface ReviewTable {
  id: Generated<number>;
  subject_kind: ReviewKind;
  subject_id: number;
  /** A Copenhagen day (clearing it deletes the row: a trial action is then reviewed at its trial end). */
  review_day: string;
  handled_at: string | null;
  handled_by: number | null;
  created_at: string;
  updated_at: string;
}
