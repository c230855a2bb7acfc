// /initiatives (being built).
import { Router } from 'express';
import type { AppContext } from '../web/context';

export function initiativeRoutes(_ctx: AppContext): Router {
  return Router();
}
