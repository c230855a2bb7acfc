// /forklar-eller-fjern (being built).
import { Router } from 'express';
import type { AppContext } from '../web/context';

export function fefRoutes(_ctx: AppContext): Router {
  return Router();
}
