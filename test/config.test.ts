import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../server/config';

const SECRET = 'a'.repeat(40);

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'uldum-config-'));
}

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('loadConfig', () => {
  it('reads the environment, with defaults, into a frozen object', () => {
    const config = loadConfig({ DATABASE_PATH: ':memory:', SESSION_SECRET: SECRET });
    expect(config).toEqual({
      port: 3000,
      databasePath: ':memory:',
      dbPoolSize: 10,
      dbStatementTimeoutMs: 30000,
      sessionSecret: SECRET,
      env: 'production',
      trustProxy: false,
      benchBaseline: false,
      uploadMaxMb: 25,
      requireTotpFor: ['admin', 'konsulent'],
      sessionIdleMinutes: 120,
      sessionMaxHours: 12,
      passwordLogin: true,
      publicUrl: undefined,
      oidcProviders: [],
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads the sign-in settings: REQUIRE_TOTP_FOR, the session timeouts, PASSWORD_LOGIN, PUBLIC_URL', () => {
    const base = { DATABASE_PATH: ':memory:', SESSION_SECRET: SECRET };
    expect(loadConfig({ ...base, REQUIRE_TOTP_FOR: 'admin' }).requireTotpFor).toEqual(['admin']);
    expect(loadConfig({ ...base, REQUIRE_TOTP_FOR: '' }).requireTotpFor).toEqual([]);
    expect(loadConfig({ ...base, REQUIRE_TOTP_FOR: 'none' }).requireTotpFor).toEqual([]);
    expect(configError({ ...base, REQUIRE_TOTP_FOR: 'admin,chef' }).message).toBe(
      "Ugyldig konfiguration: REQUIRE_TOTP_FOR: ukendt rolle 'chef': brug admin, konsulent, repraesentant, laeser eller none",
    );
    expect(loadConfig({ ...base, SESSION_IDLE_MINUTES: '30', SESSION_MAX_HOURS: '8' })).toMatchObject({ sessionIdleMinutes: 30, sessionMaxHours: 8 });
    expect(configError({ ...base, SESSION_IDLE_MINUTES: '0' }).message).toMatch(/^Ugyldig konfiguration: SESSION_IDLE_MINUTES: /);
    expect(loadConfig({ ...base, PASSWORD_LOGIN: '0' }).passwordLogin).toBe(false);
    expect(loadConfig({ ...base, PUBLIC_URL: 'https://uldum.hedensted.dk/' }).publicUrl).toBe('https://uldum.hedensted.dk');
    expect(configError({ ...base, PUBLIC_URL: 'uldum.hedensted.dk' }).message).toMatch(/^Ugyldig konfiguration: PUBLIC_URL: /);
  });

  it('reads the e-mail settings: SMTP_URL, MAIL_FROM and APP_URL (the same value as PUBLIC_URL)', () => {
    const base = { DATABASE_PATH: ':memory:', SESSION_SECRET: SECRET };
    expect(loadConfig(base)).toMatchObject({ smtpUrl: undefined, mailFrom: undefined });
    expect(loadConfig({ ...base, SMTP_URL: '', MAIL_FROM: '' }).smtpUrl).toBeUndefined();
    const config = loadConfig({ ...base, SMTP_URL: 'smtps://bruger:kode@relay.kommune.dk:465', MAIL_FROM: 'Uldum Samskabelse <noreply@hedensted.dk>', APP_URL: 'https://uldum.hedensted.dk/' });
    expect(config).toMatchObject({
      smtpUrl: 'smtps://bruger:kode@relay.kommune.dk:465',
      mailFrom: { name: 'Uldum Samskabelse', address: 'noreply@hedensted.dk' },
      publicUrl: 'https://uldum.hedensted.dk',
    });
    expect(loadConfig({ ...base, SMTP_URL: 'smtp://relay.kommune.dk:25', MAIL_FROM: 'noreply@hedensted.dk' }).mailFrom).toEqual({ name: '', address: 'noreply@hedensted.dk' });
    expect(loadConfig({ ...base, APP_URL: 'https://a.dk', PUBLIC_URL: 'https://a.dk/' }).publicUrl).toBe('https://a.dk');
    expect(configError({ ...base, APP_URL: 'https://a.dk', PUBLIC_URL: 'https://b.dk' }).message).toBe('Ugyldig konfiguration: APP_URL: er en anden end PUBLIC_URL; sæt kun den ene');
    expect(configError({ ...base, SMTP_URL: 'relay.kommune.dk' }).message).toBe(
      'Ugyldig konfiguration: SMTP_URL: skal være en adresse som smtp://relay.kommune.dk:25 eller smtps://bruger:kode@vært:465',
    );
    expect(configError({ ...base, SMTP_URL: 'smtp://relay.kommune.dk:25' }).message).toBe(
      'Ugyldig konfiguration: MAIL_FROM: skal sættes, når SMTP_URL er sat (fx Uldum Samskabelse <noreply@kommune.dk>)',
    );
    expect(configError({ ...base, MAIL_FROM: 'Uldum <ikke en adresse>' }).message).toBe(
      'Ugyldig konfiguration: MAIL_FROM: skal være en e-mailadresse, evt. med navn: Uldum Samskabelse <noreply@kommune.dk>',
    );
  });

  it('reads OpenID providers from OIDC_1_… and refuses a wrong one in one line', () => {
    const base = { DATABASE_PATH: ':memory:', SESSION_SECRET: SECRET, OIDC_1_NAME: 'Hedensted Kommune', OIDC_1_ISSUER: 'https://login.microsoftonline.com/t/v2.0', OIDC_1_CLIENT_ID: 'app' };
    expect(loadConfig(base).oidcProviders).toEqual([expect.objectContaining({ slug: 'hedensted-kommune', displayName: 'Hedensted Kommune', clientId: 'app' })]);
    expect(configError({ ...base, OIDC_1_CLIENT_ID: '' }).message).toBe('Ugyldig konfiguration: OIDC_1_CLIENT_ID: mangler');
  });

  it('reads UPLOAD_MAX_MB, the largest bilag in MB, and refuses a wrong one in one line', () => {
    expect(loadConfig({ DATABASE_PATH: ':memory:', SESSION_SECRET: SECRET, UPLOAD_MAX_MB: '10' }).uploadMaxMb).toBe(10);
    expect(configError({ DATABASE_PATH: ':memory:', SESSION_SECRET: SECRET, UPLOAD_MAX_MB: 'mange' }).message).toMatch(/^Ugyldig konfiguration: UPLOAD_MAX_MB: /);
    expect(configError({ DATABASE_PATH: ':memory:', SESSION_SECRET: SECRET, UPLOAD_MAX_MB: '0' }).message).toMatch(/UPLOAD_MAX_MB/);
  });

  it('reads PORT, NODE_ENV and TRUST_PROXY, and makes DATABASE_PATH absolute', () => {
    const config = loadConfig({ PORT: '8080', NODE_ENV: 'production', TRUST_PROXY: '1', DATABASE_PATH: 'data/x.sqlite', SESSION_SECRET: SECRET });
    expect(config).toMatchObject({ port: 8080, env: 'production', trustProxy: 1, databasePath: path.resolve('data/x.sqlite') });
    expect(loadConfig({ TRUST_PROXY: 'false', DATABASE_PATH: ':memory:', SESSION_SECRET: SECRET }).trustProxy).toBe(false);
  });

  it.each([
    ['0', false],
    ['true', 1],
    ['2', 2],
    ['loopback', ['loopback']],
    ['10.0.0.1, 192.168.0.0/16,fd00::/8', ['10.0.0.1', '192.168.0.0/16', 'fd00::/8']],
  ])('reads TRUST_PROXY=%s as the proxies to trust', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value, DATABASE_PATH: ':memory:', SESSION_SECRET: SECRET }).trustProxy).toEqual(expected);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '80.5' }, 'PORT'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ TRUST_PROXY: 'ja' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.300' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.1,' }, 'TRUST_PROXY'],
    [{ SESSION_SECRET: 'for-kort' }, 'SESSION_SECRET'],
    [{ SLOW_QUERY_MS: 'langsom' }, 'SLOW_QUERY_MS'],
    [{ SLOW_QUERY_MS: '-1' }, 'SLOW_QUERY_MS'],
  ])('stops on %o with one line naming the variable', (env, variable) => {
    const err = configError({ DATABASE_PATH: ':memory:', SESSION_SECRET: SECRET, ...env });
    expect(err.message.startsWith(`Ugyldig konfiguration: ${variable}: `)).toBe(true);
    expect(err.message).not.toContain('\n');
  });

  it('reads SLOW_QUERY_MS, which is off unless set', () => {
    expect(loadConfig({ DATABASE_PATH: ':memory:', SESSION_SECRET: SECRET }).slowQueryMs).toBeUndefined();
    expect(loadConfig({ DATABASE_PATH: ':memory:', SESSION_SECRET: SECRET, SLOW_QUERY_MS: '2.5' }).slowQueryMs).toBe(2.5);
  });

  it('says in Danish that a session secret is too short', () => {
    expect(configError({ DATABASE_PATH: ':memory:', SESSION_SECRET: 'kort' }).message).toBe('Ugyldig konfiguration: SESSION_SECRET: skal være mindst 32 tegn');
  });

  it('generates a session secret beside the database and keeps it for the next start', () => {
    const dir = tempDir();
    try {
      const databasePath = path.join(dir, 'nyt', 'uldum.sqlite');
      const first = loadConfig({ DATABASE_PATH: databasePath });
      const file = path.join(dir, 'nyt', 'session-secret');
      expect(fs.readFileSync(file, 'utf8').trim()).toBe(first.sessionSecret);
      expect(first.sessionSecret).toMatch(/^[0-9a-f]{64}$/);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(loadConfig({ DATABASE_PATH: databasePath }).sessionSecret).toBe(first.sessionSecret);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('replaces a stored secret that is too short, and never writes one when SESSION_SECRET is given', () => {
    const dir = tempDir();
    try {
      const databasePath = path.join(dir, 'uldum.sqlite');
      const file = path.join(dir, 'session-secret');
      expect(loadConfig({ DATABASE_PATH: databasePath, SESSION_SECRET: SECRET }).sessionSecret).toBe(SECRET);
      expect(fs.existsSync(file)).toBe(false);
      fs.writeFileSync(file, 'kort\n');
      const config = loadConfig({ DATABASE_PATH: databasePath });
      expect(config.sessionSecret).toMatch(/^[0-9a-f]{64}$/);
      expect(fs.readFileSync(file, 'utf8').trim()).toBe(config.sessionSecret);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('makes a fresh secret for an in-memory database without writing a file', () => {
    const a = loadConfig({ DATABASE_PATH: ':memory:' });
    const b = loadConfig({ DATABASE_PATH: ':memory:' });
    expect(a.sessionSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(a.sessionSecret).not.toBe(b.sessionSecret);
  });
});

describe('loadConfig: PostgreSQL', () => {
  it('takes DATABASE_URL with its pool size and statement timeout', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://uldum:kode@db.kommune.dk:5432/uldum', SESSION_SECRET: SECRET, DB_POOL_SIZE: '20', DB_STATEMENT_TIMEOUT_MS: '5000' });
    expect(config).toMatchObject({ databaseUrl: 'postgres://uldum:kode@db.kommune.dk:5432/uldum', dbPoolSize: 20, dbStatementTimeoutMs: 5000 });
    expect(loadConfig({ DATABASE_URL: '', DATABASE_PATH: ':memory:' }).databaseUrl).toBeUndefined();
  });

  it('needs SESSION_SECRET with DATABASE_URL (every instance signs the same cookies), and says so in Danish', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgresql://db/uldum' })).toThrow(/SESSION_SECRET: skal sættes .*når DATABASE_URL er sat/);
  });

  it('refuses an address that is not PostgreSQL, and a pool of 0', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://db/uldum', SESSION_SECRET: SECRET })).toThrow(/DATABASE_URL: skal være en PostgreSQL-adresse/);
    expect(() => loadConfig({ DB_POOL_SIZE: '0', DATABASE_PATH: ':memory:' })).toThrow(/DB_POOL_SIZE/);
  });
});
