// /admin: user accounts and the audit log (administrators only).
import { Router, type Request } from 'express';
import { createAccount, hasPassword, identitiesOf, inviteAccount, reinviteAccount, setPassword, twoFactorStatus, updateAccount } from '../accounts/service';
import { appUrlOf } from '../mail/service';
import { organisationOptions } from '../organisations/service';
import { requireRole, requireUser, ROLE_LABELS } from '../web/auth';
import type { AppContext } from '../web/context';
import { NotFound } from '../web/errors';
import { flash } from '../web/flash';
import { formFrom, parseId, submitForm } from '../web/form';
import { pageRequest, pagination } from '../web/pagination';
import fs from 'node:fs';
import path from 'node:path';
import { backupToTempFile } from '../db/backup';
import { dumpPostgresToTempFile } from '../db/pg-backup';
import { copenhagenDay } from '../web/format';
import { auditChanges } from './audit-diff';
import { auditEntities, countAudit, findUser, listAudit, listUsers, peopleWithoutAccount } from './queries';
import {
  ACCESS_OPTIONS,
  ACTION_LABELS,
  AUDIT_ENTITY_LABELS,
  AuditFilterSchema,
  EditUserSchema,
  NewUserSchema,
  ResetPasswordSchema,
  roleOptions,
} from './schemas';
import { ADMIN_TEXTS as A } from './messages';
import { signInAdminRoutes } from './sign-in-routes';

/** The same session under a new id (its data kept): a change of privilege gets a new id. */
function renewSessionId(req: Request): Promise<void> {
  const kept = { ...req.session };
  return new Promise((resolve, reject) => {
    req.session.regenerate((err) => {
      if (err) return reject(err);
      for (const [key, value] of Object.entries(kept)) if (key !== 'cookie') (req.session as unknown as Record<string, unknown>)[key] = value;
      req.session.save((saveErr) => (saveErr ? reject(saveErr) : resolve()));
    });
  });
}

export function adminRoutes(ctx: AppContext): Router {
  const { db, clock, config } = ctx;
  const router = Router();
  router.use(requireRole('admin'));
  const roles = roleOptions(ROLE_LABELS);
  router.use(signInAdminRoutes(ctx));

  router.get('/users', async (_req, res) => {
    res.render('admin/users', { users: await listUsers(db) });
  });

  const newUserLocals = async () => ({
    roleOptions: roles,
    personOptions: [
      { value: '', label: 'Opret en ny person' },
      ...(await peopleWithoutAccount(db)).map((p) => ({ value: p.id, label: p.organisation_name ? `${p.name} (${p.organisation_name})` : p.name })),
    ],
    organisationOptions: [{ value: '', label: 'Ingen organisation' }, ...(await organisationOptions(db))],
    accessOptions: ACCESS_OPTIONS,
  });

  router.get('/users/new', async (_req, res) => {
    res.render('admin/user-new', { ...(await newUserLocals()), form: formFrom({ role: 'laeser', access: 'invitation' }) });
  });

  /** After an invitation: where it went, and where to find the link when mail is not set up. */
  const invitedText = (email: string) => (config.smtpUrl ? A.invited(email) : A.invitedNoMail(email));

  router.post('/users', async (req, res) => {
    const actor = { userId: requireUser(req).id };
    await submitForm(res, {
      schema: NewUserSchema,
      body: req.body,
      view: 'admin/user-new',
      locals: newUserLocals,
      save: async (data) => {
        const account = { email: data.email, role: data.role, personId: data.person_id, name: data.name, organisationId: data.organisation_id };
        if (data.access === 'invitation') {
          await inviteAccount(db, account, actor, clock.now(), appUrlOf(config));
          flash(req, invitedText(data.email));
        } else {
          await createAccount(db, { ...account, password: data.password }, actor, clock.now());
          flash(req, `Brugeren ${data.email} er oprettet.`);
        }
        res.redirect(303, '/admin/users');
      },
    });
  });

  const loadUser = async (raw: unknown) => {
    const account = await findUser(db, parseId(raw));
    if (!account) throw new NotFound();
    return account;
  };

  /** The user page's sign-in facts: second factor, the providers it signs in with, its sessions. */
  const signInLocals = async (userId: number) => {
    const [twoFactor, identities, sessions, withPassword] = await Promise.all([
      twoFactorStatus(db, userId),
      identitiesOf(db, userId),
      db.selectFrom('sessions').select('sid').where('user_id', '=', userId).where('expires_at', '>', clock.now().toISOString()).execute(),
      hasPassword(db, userId),
    ]);
    return { twoFactor, identities, sessionCount: sessions.length, hasPassword: withPassword };
  };

  router.get('/users/:id/edit', async (req, res) => {
    const account = await loadUser(req.params.id);
    res.render('admin/user-edit', { account, roleOptions: roles, ...(await signInLocals(account.id)), form: formFrom({ role: account.role, disabled: account.disabled === 1 }) });
  });

  router.post('/users/:id', async (req, res) => {
    const actor = { userId: requireUser(req).id };
    const account = await loadUser(req.params.id);
    await submitForm(res, {
      schema: EditUserSchema,
      body: req.body,
      view: 'admin/user-edit',
      locals: async () => ({ account, roleOptions: roles, ...(await signInLocals(account.id)) }),
      save: async (data) => {
        // A role change ends the user's sessions (they sign in again with the new role); an
        // administrator changing their own keeps this session, under a new id.
        const self = account.id === actor.userId;
        const roleChanged = await updateAccount(db, account.id, data, actor, clock.now(), self ? req.sessionID : undefined);
        if (self && roleChanged && !data.disabled) await renewSessionId(req);
        flash(req, self && roleChanged ? A.ownRoleChanged : A.userSaved);
        res.redirect(303, '/admin/users');
      },
    });
  });

  router.post('/users/:id/password', async (req, res) => {
    const actor = { userId: requireUser(req).id };
    const account = await loadUser(req.params.id);
    await submitForm(res, {
      schema: ResetPasswordSchema,
      body: req.body,
      view: 'admin/user-edit',
      locals: async () => ({ account, roleOptions: roles, ...(await signInLocals(account.id)), form: formFrom({ role: account.role, disabled: account.disabled === 1 }) }),
      save: async (data) => {
        await setPassword(db, account.id, data.password, actor, clock.now());
        flash(req, A.passwordReset);
        res.redirect(303, `/admin/users/${account.id}/edit`);
      },
    });
  });

  // A new invitation to an account that has not chosen its password yet (the earlier link stops working).
  router.post('/users/:id/invite', async (req, res) => {
    const account = await loadUser(req.params.id);
    await reinviteAccount(db, account.id, { userId: requireUser(req).id }, clock.now(), appUrlOf(config));
    flash(req, invitedText(account.email));
    res.redirect(303, `/admin/users/${account.id}/edit`);
  });

  router.get('/backup', (_req, res) => {
    res.render('admin/backup', { postgres: Boolean(ctx.config.databaseUrl) });
  });

  // A download of the whole database (personal data and password hashes: administrators only,
  // never cached anywhere on the way).
  // On PostgreSQL the copy is pg_dump's (custom format, for pg_restore; see README).
  router.post('/backup', async (_req, res, next) => {
    const url = ctx.config.databaseUrl;
    const file = url ? await dumpPostgresToTempFile(url) : await backupToTempFile(db);
    const type = url ? 'application/octet-stream' : 'application/vnd.sqlite3';
    const options = { cacheControl: false, lastModified: false, etag: false, headers: { 'Cache-Control': 'no-store', 'Content-Type': type } };
    res.download(file, `uldum-backup-${copenhagenDay(clock.now())}.${url ? 'dump' : 'sqlite'}`, options, (err) => {
      fs.rm(path.dirname(file), { recursive: true, force: true }, () => undefined);
      if (err && !res.headersSent) next(err);
    });
  });

  router.get('/audit', async (req, res) => {
    const filter = AuditFilterSchema.parse(req.query);
    const page = pageRequest(req.query.page, 50);
    const [rows, total, users, entities] = await Promise.all([
      listAudit(db, filter, page.limit, page.offset),
      countAudit(db, filter),
      listUsers(db),
      auditEntities(db),
    ]);
    res.render('admin/audit', {
      rows: rows.map((r) => ({ ...r, changes: auditChanges(r.before, r.after) })),
      filter,
      users,
      entities: entities.map((e) => e.entity),
      entityLabels: AUDIT_ENTITY_LABELS,
      actionLabels: ACTION_LABELS,
      pager: pagination(page, total, '/admin/audit', {
        user_id: filter.user_id ? String(filter.user_id) : undefined,
        entity: filter.entity,
      }),
    });
  });

  return router;
}
