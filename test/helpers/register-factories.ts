// Factories for learnings, dilemmas, "forklar eller fjern" items and the initiatives they link to.
import type { Db } from '../../server/db/database';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { createDilemma } from '../../server/dilemmas/service';
import { DilemmaFormSchema, type DilemmaForm } from '../../server/dilemmas/schemas';
import { createFefItem } from '../../server/fef/service';
import { FefFormSchema, type FefForm } from '../../server/fef/schemas';
import { InitiativeFormSchema } from '../../server/initiatives/schemas';
import { createInitiative } from '../../server/initiatives/service';
import { createLearning } from '../../server/learnings/service';
import { LearningFormSchema, type LearningForm } from '../../server/learnings/schemas';

const AT = new Date('2026-11-01T09:00:00Z');
let n = 0;

export async function anInitiative(db: Db, title = `Initiativ ${++n}`): Promise<number> {
  return createInitiative(db, InitiativeFormSchema.parse({ title, kind: 'initiativ' }), { actor: SYSTEM_ACTOR, personId: null }, AT);
}

export function aLearningForm(over: Partial<LearningForm> = {}): LearningForm {
  n++;
  return { ...LearningFormSchema.parse({ title: `Erfaring ${n}`, date: '2026-10-15', outcome: 'virkede' }), ...over };
}

export async function aLearning(db: Db, over: Partial<LearningForm> = {}, at: Date = AT): Promise<number> {
  return createLearning(db, aLearningForm(over), SYSTEM_ACTOR, at);
}

export function aDilemmaForm(over: Partial<DilemmaForm> = {}): DilemmaForm {
  n++;
  return { ...DilemmaFormSchema.parse({ title: `Dilemma ${n}`, pole_a: 'Menneskeblikket', pole_b: 'Økonomiblikket', status: 'rejst' }), ...over };
}

export async function aDilemma(db: Db, over: Partial<DilemmaForm> = {}, at: Date = AT): Promise<number> {
  return createDilemma(db, aDilemmaForm(over), SYSTEM_ACTOR, at);
}

export function aFefForm(over: Partial<FefForm> = {}): FefForm {
  n++;
  return { ...FefFormSchema.parse({ title: `Regel ${n}`, origin: 'retningslinje', decision: 'afventer' }), ...over };
}

export async function aFefItem(db: Db, over: Partial<FefForm> = {}, at: Date = AT): Promise<number> {
  return createFefItem(db, aFefForm(over), SYSTEM_ACTOR, at);
}
