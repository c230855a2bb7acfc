// Danish labels for the initiative vocabulary; the stored keys are ASCII.
import type { CitizenRole, EffectPeriodKind, EffectUpdateStatus, InitiativeKind, InitiativeStatus, InvolvementLevel, TrialDecision } from '../db/schema';

export const INITIATIVE_KIND_LABELS: Record<InitiativeKind, string> = {
  initiativ: 'Samskabelsesinitiativ',
  proevehandling: 'Prøvehandling',
};

export const INITIATIVE_STATUS_LABELS: Record<InitiativeStatus, string> = {
  ide: 'Idé',
  planlagt: 'Planlagt',
  afproeves: 'Afprøves',
  evalueres: 'Evalueres',
  forankret: 'Forankret',
  stoppet: 'Stoppet',
  pause: 'Pause',
};

export const CITIZEN_ROLE_LABELS: Record<CitizenRole, string> = {
  modtager: 'Modtager',
  medskaber: 'Medskaber',
  initiativtager: 'Initiativtager',
};

export const INVOLVEMENT_LABELS: Record<InvolvementLevel, string> = {
  information: 'Information',
  hoering: 'Høring',
  inddragelse: 'Inddragelse',
  deltagelse: 'Deltagelse',
  samskabelse: 'Samskabelse',
};

export const TRIAL_DECISION_LABELS: Record<TrialDecision, string> = {
  forankres: 'Forankres',
  justeres: 'Justeres',
  stoppes: 'Stoppes',
};

export const EFFECT_UPDATE_STATUS_LABELS: Record<EffectUpdateStatus, string> = {
  kladde: 'Kladde',
  til_godkendelse: 'Til godkendelse',
  returneret: 'Returneret',
  godkendt: 'Godkendt',
};

export const EFFECT_PERIOD_KIND_LABELS: Record<EffectPeriodKind, string> = {
  kvartal: 'Kvartal',
  maaned: 'Måned',
};
