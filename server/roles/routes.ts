// /roles (being built).
import { Router } from 'express';
import type { AppContext } from '../web/context';

export function roleRoutes(_ctx: AppContext): Router {
  return Router();
}
