// Starts the process: configuration → database → migrations → seed → listen.
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { openConfiguredDatabase } from './db/open';
import { FIRST_MIGRATION, migrateToLatest } from './db/migrator';
import { KyselySessionStore } from './db/session-store';
import { formatCount } from './web/format';
import { seedPartnership } from '../seeds/partnership';
import { seedRoleMarkersOnce } from '../seeds/role-markers';
import { addProvidersFromEnvironment } from './accounts/service';
import { startMailWorker } from './mail/service';
import { startDailyReminders } from './notifications/service';
import { deadlinesToWatch } from './meetings/service';
import { systemClock } from './web/clock';

/** Exit code for a start-up that trying again will not fix (bin/serve.mjs does not restart it). */
const EXIT_CONFIG = 78;

// A promise nobody awaited failed: log it and go on serving, rather than stop for everyone.
process.on('unhandledRejection', (reason) => {
  console.error('Ubehandlet fejl:', reason instanceof Error ? reason.stack : reason);
});

async function main(): Promise<void> {
  const started = Date.now();
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(EXIT_CONFIG);
    }
    throw err;
  }
  const database = openConfiguredDatabase(config, { slowQueryMs: config.slowQueryMs });
  const { db } = database;
  const applied = await migrateToLatest(db);
  if (applied.length) console.log(`Database migreret: ${applied.join(', ')}`);
  if (applied.includes(FIRST_MIGRATION)) {
    // A new database: put in the partnership from the agreement (later starts leave it alone).
    const { created } = await seedPartnership(db, new Date());
    console.log(`Partnerskabet fra aftalen er lagt ind (${formatCount(created, 'post', 'poster')}).`);
  }
  // A database from before the progress markers gets their proposal once (a no-op ever after).
  const markers = await seedRoleMarkersOnce(db, new Date());
  if (markers) console.log(`Forslag til markører for rollerne er lagt ind (${formatCount(markers, 'markør', 'markører')}).`);
  // OpenID providers from OIDC_1_… (the first start): those not there yet are added.
  const providers = await addProvidersFromEnvironment(db, config.oidcProviders ?? [], new Date(), config.sessionSecret);
  if (providers.length) console.log(`Log ind-udbydere tilføjet fra miljøet: ${providers.join(', ')}.`);
  database.optimize();
  const sessions = new KyselySessionStore(db);
  await sessions.prune();
  setInterval(() => {
    void sessions.prune().catch((err) => console.error('session prune failed', err));
    database.optimize();
  }, 60 * 60 * 1000).unref();

  const app = createApp({ db, config });
  // Delivers the outbox through SMTP_URL; without it, says once that mail is not configured.
  const mail = startMailWorker({ db, config, clock: systemClock, log: (line) => console.log(line) });
  // The daily reminders at 07:00 Copenhagen time (and at start, when today's run was missed).
  const reminders = startDailyReminders({
    db,
    config,
    clock: systemClock,
    log: (line) => console.log(line),
    missedDeadlines: async (d, now) => (await deadlinesToWatch(d, now)).filter((x) => x.missed),
  });
  const server = app.listen(config.port, () => {
    console.log(`Uldum Samskabelse kører på http://localhost:${config.port} (database: ${database.label}, ${Date.now() - started} ms)`);
  });
  server.on('error', (err: NodeJS.ErrnoException) => {
    console.error(err.code === 'EADDRINUSE' ? `Porten ${config.port} er optaget. Vælg en anden med PORT=…` : err.message);
    process.exit(EXIT_CONFIG);
  });
  const stop = () => {
    reminders.stop();
    server.close(() => {
      void (mail?.stop() ?? Promise.resolve()).then(() => db.destroy()).then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
