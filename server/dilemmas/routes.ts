// /dilemmas (being built).
import { Router } from 'express';
import type { AppContext } from '../web/context';

export function dilemmaRoutes(_ctx: AppContext): Router {
  return Router();
}
