// What every feature's routes are built from: the database, the configuration and the clock.
import type { Config } from '../config';
import type { Db } from '../db/database';
import type { Clock } from './clock';
import type { Caches } from './caches';

export interface AppContext {
  db: Db;
  config: Config;
  clock: Clock;
  /** Where errors are logged (the 500 page's reference id points into it). */
  log: (line: string) => void;
  /** What the server remembers between requests (server/web/caches.ts). */
  caches: Caches;
}
