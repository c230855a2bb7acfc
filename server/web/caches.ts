// Everything the server remembers between requests, declared in this one file: what each cache
// keys on, how much it holds and what drops an entry. Features use these by name
// (`ctx.caches.statusReport.get(period, build)`) and never keep memory of their own.
//
// Two kinds:
// - per data version: a summary that is the same for every reader until the data changes. Every
//   write records an audit row in its own transaction (enforced in tests: test/helpers/audit-rule.ts),
//   so the highest audit id moves with every change; an entry is used only while it is unchanged.
// - by content: a rendered file keyed by a hash of the document it shows, so it is right for as
//   long as it exists (approved minutes never change; a draft changes key with every edit).
import crypto from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Db } from '../db/database';
import { dataVersion } from '../db/data-version';

/** Caches are per app (each test's app has its own database, so its own data versions). */
export interface CacheOptions {
  /** Freeze every remembered value, so a caller that changes one fails loudly (tests). */
  freeze: boolean;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value) && !Buffer.isBuffer(value) && !ArrayBuffer.isView(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** A summary remembered per data version and argument (any JSON value, compared as JSON text). */
export class DataVersionCache {
  private readonly entries: LRUCache<string, { version: number; value: Promise<unknown> }>;

  constructor(
    private readonly db: Db,
    max: number,
    private readonly options: CacheOptions,
  ) {
    this.entries = new LRUCache({ max });
  }

  async get<T>(arg: unknown, compute: () => Promise<T>): Promise<T> {
    const key = JSON.stringify(arg ?? null);
    const version = await dataVersion(this.db);
    const hit = this.entries.get(key);
    if (hit && hit.version === version) return hit.value as Promise<T>;
    const value = compute().then((v) => (this.options.freeze ? deepFreeze(v) : v));
    this.entries.set(key, { version, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key); // a failure is not remembered
    });
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Rendered files keyed by what they show; bounded in entries and bytes, least recently used out. */
export class ContentCache {
  private readonly entries: LRUCache<string, Buffer>;

  constructor(max: number, maxBytes: number) {
    this.entries = new LRUCache({ max, maxSize: maxBytes, sizeCalculation: (b) => Math.max(1, b.length), maxEntrySize: maxBytes / 4 });
  }

  key(kind: string, content: unknown): string {
    return `${kind}:${crypto.createHash('sha256').update(JSON.stringify(content)).digest('base64url')}`;
  }

  /** Renders in progress: the same file asked for by ten readers at once is made once, not ten times (memory). */
  private readonly rendering = new Map<string, Promise<Buffer>>();

  async get(key: string, render: () => Promise<Buffer>): Promise<Buffer> {
    const hit = this.entries.get(key) ?? this.rendering.get(key);
    if (hit) return hit;
    const file = render().then((b) => (this.entries.set(key, b), b));
    this.rendering.set(key, file);
    try {
      return await file;
    } finally {
      this.rendering.delete(key);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * The declarations. `max` bounds the remembered arguments; every per-data-version entry is
 * dropped by the next write anywhere; rendered files only by size.
 */
export function createCaches(db: Db, options: CacheOptions) {
  const perVersion = (max: number) => new DataVersionCache(db, max, options);
  return {
    /** Minutes and status report PDF/DOCX, by a hash of their document. 64 files, 32 MB. */
    renderedFiles: new ContentCache(64, 32 * 1024 * 1024),
    /**
     * The main pages as rendered for a session (server/web/remembered-pages.ts), by session,
     * minute and address, each with the data version it shows. 16 MB, least recently used out.
     */
    renderedPages: new LRUCache<string, RememberedPage>({
      max: 2000,
      maxSize: 16 * 1024 * 1024,
      sizeCalculation: (e) => Math.max(1, e.body.length),
      maxEntrySize: 1024 * 1024,
    }),
    /** The overview's shared sections, by day (charts, trials, funding, latest notes). */
    dashboardShared: perVersion(2),
    /** The overview's own sections of each reader (deadlines, minutes, actions, proposals), by person, role and minute. */
    dashboardOwn: perVersion(64),
    /** A meeting page's content (participants, agenda, actions, minutes status, bilag …), by meeting and role. */
    meetingPage: perVersion(32),
    /** A meeting's read-only agenda HTML (locked minutes or a reader), by meeting id. */
    readOnlyAgenda: perVersion(32),
    /**
     * A list page's rows, count and filter choices (meetings, actions, initiatives, people,
     * organisations), by list, filter, page, what the reader may see and the day or minute the list depends on.
     */
    listPages: perVersion(64),
    /** Status report document and HTML body, by period. */
    statusReport: perVersion(8),
    /** Search results, by form and page. */
    searchResults: perVersion(64),
    /** Role overview (counts per quarter, matrix), by day. */
    roleOverview: perVersion(2),
    /** The role overview rendered (the roles page below its header), by day and page of the matrix. */
    roleOverviewHtml: perVersion(8),
    /** Institutions with evidence of a role (the role page's filter), by role key. */
    roleInstitutions: perVersion(16),
    /** A role's progress markers and which were seen per institution and quarter (the role page), by role key and day. */
    roleMarkers: perVersion(16),
    /** Initiatives that have learnings (the learnings filter). */
    learningInitiatives: perVersion(1),
    /** An initiative page's details, effects, comments and core tasks (the same for every reader), by initiative. */
    initiativePage: perVersion(32),
    /** People near an initiative (the partner form), by initiative and partnership. */
    initiativePeople: perVersion(16),
    /** Organisations to choose as partners. */
    organisationChoices: perVersion(1),
    /** The calendar feed, by base URL, rights and day. */
    calendarFeed: perVersion(8),
    /** The actions CSV, by filter and day. */
    actionsCsv: perVersion(4),
    /**
     * OpenID providers' discovered configuration (openid-client's Configuration), by provider id
     * and the provider's updated_at (an edit drops it); an hour, so keys the provider rotated
     * are fetched again. A failed discovery is not remembered.
     */
    oidcConfigurations: new LRUCache<string, Promise<unknown>>({ max: 32, ttl: 60 * 60 * 1000 }),
  };
}

export type Caches = ReturnType<typeof createCaches>;
/** A page as sent: its bytes, their ETag and the data version it shows. */
export interface RememberedPage {
  version: number;
  body: Buffer;
  etag: string | undefined;
}
export type RememberedPages = Caches['renderedPages'];
