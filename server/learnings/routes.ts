// /learnings (being built).
import { Router } from 'express';
import type { AppContext } from '../web/context';

export function learningRoutes(_ctx: AppContext): Router {
  return Router();
}
