// Every migration, in order. Listed statically (not read from the folder) so the same list runs
// under tsx, jest and a bundler. A landed migration is never edited: add a new one.
import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_meetings';
import * as m0003 from './0003_calendar_token';
import * as m0004 from './0004_initiatives';
import * as m0005 from './0005_search';
import * as m0006 from './0006_list_indexes';
import * as m0007 from './0007_open_action_indexes';
import * as m0008 from './0008_line_breaks';
import * as m0009 from './0009_consultant_name';
import * as m0012 from './0012_app_settings';
import * as m0013 from './0013_agenda_document';
import * as m0014 from './0014_attachments_and_proposals';
import * as m0015 from './0015_standard_items_and_series';
import * as m0016 from './0016_minutes_record';
import * as m0017 from './0017_sign_in_providers_and_two_factor';
import * as m0018 from './0018_outbox';
import * as m0019 from './0019_notifications';
import * as m0020 from './0020_failure_counts';
import * as m0021 from './0021_reviews';
import * as m0022 from './0022_role_markers';
import * as m0023 from './0023_api_tokens';
import * as m0024 from './0024_msc';
import * as m0025 from './0025_effect_updates';
import * as pg0005 from './postgres/0005_search';

export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_meetings': m0002,
  '0003_calendar_token': m0003,
  '0004_initiatives': m0004,
  '0005_search': m0005,
  '0006_list_indexes': m0006,
  '0007_open_action_indexes': m0007,
  '0008_line_breaks': m0008,
  '0009_consultant_name': m0009,
  '0012_app_settings': m0012,
  '0013_agenda_document': m0013,
  '0014_attachments_and_proposals': m0014,
  '0015_standard_items_and_series': m0015,
  '0016_minutes_record': m0016,
  '0017_sign_in_providers_and_two_factor': m0017,
  '0018_outbox': m0018,
  '0019_notifications': m0019,
  '0020_failure_counts': m0020,
  '0021_reviews': m0021,
  '0022_role_markers': m0022,
  '0023_api_tokens': m0023,
  '0024_msc': m0024,
  '0025_effect_updates': m0025,
};

/**
 * Migrations PostgreSQL runs in place of the one of the same name (server/db/migrator.ts): only
 * where the SQL cannot be the same (SQLite's FTS5 search index). Everything else is one list.
 */
export const postgresVariants: Record<string, Migration> = {
  '0005_search': pg0005,
};
