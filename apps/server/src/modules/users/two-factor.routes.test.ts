import {
  ErrorBodySchema,
  LoginResponseSchema,
  RecoveryCodesSchema,
  TokenResponseSchema,
  TwoFactorChallengeSchema,
  TwoFactorEnrolledSchema,
  TwoFactorSetupSchema,
  TwoFactorStatusSchema,
} from '@bancada/shared';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../test/helpers.js';
import { systemContext } from '../../platform/context.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { loginMaxFailures: 3, loginLockMinutes: 15 } });
});
afterAll(() => t.close());

/** The code an authenticator app shows `steps` periods from now. */
function codeOf(secret: string, steps = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
  return totp.generate({ timestamp: Date.now() + steps * 30_000 });
}

async function enrol(token: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = TwoFactorSetupSchema.parse(
    (await t.request('POST', '/api/auth/two-factor/setup', { token })).json(),
  );
  const confirm = await t.request('POST', '/api/auth/two-factor/confirm', {
    token,
    body: { code: codeOf(setup.secret) },
  });
  expect(confirm.statusCode).toBe(200);
  return { secret: setup.secret, recoveryCodes: RecoveryCodesSchema.parse(confirm.json()).recoveryCodes };
}

async function passwordStep(email: string, password: string, headers: Record<string, string> = {}) {
  const res = await t.request('POST', '/api/auth/login', { body: { email, password }, headers });
  expect(res.statusCode).toBe(200);
  return LoginResponseSchema.parse(res.json());
}

async function challengeOf(email: string, password: string) {
  return TwoFactorChallengeSchema.parse(await passwordStep(email, password));
}

const verify = (body: Record<string, string>, headers: Record<string, string> = {}) =>
  t.request('POST', '/api/auth/two-factor/verify', { body, headers });

describe('enrolment', () => {
  it('hands out a secret as QR code and otpauth address, turns on with a current code, and shows 10 recovery codes once', async () => {
    const user = await createUserAndLogin(t, { role: 'ATTENDANT' });
    const setup = await t.request('POST', '/api/auth/two-factor/setup', { token: user.token });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUri, qrDataUrl } = TwoFactorSetupSchema.parse(setup.json());
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    // nothing is on before the code is confirmed
    const before = TwoFactorStatusSchema.parse(
      (await t.request('GET', '/api/auth/two-factor', { token: user.token })).json(),
    );
    expect(before.enabled).toBe(false);

    const wrong = await t.request('POST', '/api/auth/two-factor/confirm', {
      token: user.token,
      body: { code: codeOf(secret, 5) },
      headers: { 'accept-language': 'en' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(ErrorBodySchema.parse(wrong.json()).details).toEqual({
      code: 'Verification code is invalid or already used',
    });

    const ok = await t.request('POST', '/api/auth/two-factor/confirm', {
      token: user.token,
      body: { code: codeOf(secret) },
    });
    expect(ok.statusCode).toBe(200);
    const { recoveryCodes } = RecoveryCodesSchema.parse(ok.json());
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);

    const after = TwoFactorStatusSchema.parse(
      (await t.request('GET', '/api/auth/two-factor', { token: user.token })).json(),
    );
    expect(after).toMatchObject({ enabled: true, recoveryCodesLeft: 10, required: false });

    // stored sealed and hashed, never as given
    const { rows } = await t.deps.pool.query<{ totp_secret: string }>(
      'SELECT totp_secret FROM users WHERE id = $1',
      [user.id],
    );
    expect(rows[0]!.totp_secret).toMatch(/^v2\./);
    expect(rows[0]!.totp_secret).not.toContain(secret);
    expect(t.deps.cipher.decrypt(rows[0]!.totp_secret)).toBe(secret);
    const stored = await t.deps.pool.query<{ code_hash: string }>(
      'SELECT code_hash FROM recovery_codes WHERE user_id = $1',
      [user.id],
    );
    expect(stored.rows).toHaveLength(10);
    for (const row of stored.rows) {
      expect(recoveryCodes).not.toContain(row.code_hash);
      expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
    }
    // a second setup while it is on is a conflict
    expect((await t.request('POST', '/api/auth/two-factor/setup', { token: user.token })).statusCode).toBe(
      409,
    );
  });
});

describe('signing in with a second factor', () => {
  it('answers the password with a challenge and no tokens, and finishes only with a current code', async () => {
    const user = await createUserAndLogin(t, { role: 'MANAGER' });
    const { secret } = await enrol(user.token);

    const step = await passwordStep(user.email, user.password);
    expect(step).not.toHaveProperty('accessToken');
    expect(step).not.toHaveProperty('refreshToken');
    const challenge = TwoFactorChallengeSchema.parse(step);
    expect(challenge.twoFactor).toBe('VERIFY');

    // without a code: refused
    const missing = await verify({ challengeToken: challenge.challengeToken });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details).toEqual({ code: 'Campo obrigatório' });
    const forged = await verify({ challengeToken: 'not-a-challenge', code: codeOf(secret, 1) });
    expect(forged.statusCode).toBe(401);

    const ok = await verify({ challengeToken: challenge.challengeToken, code: codeOf(secret, 1) });
    expect(ok.statusCode).toBe(200);
    const tokens = TokenResponseSchema.parse(ok.json());
    expect((await t.request('GET', '/api/auth/me', { token: tokens.accessToken })).statusCode).toBe(200);

    // the challenge finished its sign-in; the code cannot be used again, nor an older one
    expect(
      (await verify({ challengeToken: challenge.challengeToken, code: codeOf(secret, 1) })).statusCode,
    ).toBe(401);
    const again = await challengeOf(user.email, user.password);
    const replay = await verify(
      { challengeToken: again.challengeToken, code: codeOf(secret, 1) },
      { 'accept-language': 'en' },
    );
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toEqual({
      error: 'Unauthorized',
      message: 'Verification code is invalid or already used',
    });
    expect((await verify({ challengeToken: again.challengeToken, code: codeOf(secret, 0) })).statusCode).toBe(
      401,
    );
  });

  it('counts wrong codes toward the account lockout', async () => {
    const user = await createUserAndLogin(t, { role: 'ATTENDANT' });
    const { secret } = await enrol(user.token);
    const challenge = await challengeOf(user.email, user.password);
    const wrong = (codeOf(secret, 0) === '000000' ? '111111' : '000000') as string;
    expect((await verify({ challengeToken: challenge.challengeToken, code: wrong })).statusCode).toBe(401);
    expect((await verify({ challengeToken: challenge.challengeToken, code: wrong })).statusCode).toBe(401);
    const locked = await verify({ challengeToken: challenge.challengeToken, code: wrong });
    expect(locked.statusCode).toBe(423);
    // even the right code and the right password are refused while locked
    expect(
      (await verify({ challengeToken: challenge.challengeToken, code: codeOf(secret, 1) })).statusCode,
    ).toBe(423);
    const login = await t.request('POST', '/api/auth/login', {
      body: { email: user.email, password: user.password },
    });
    expect(login.statusCode).toBe(423);
    const audit = await t.request('GET', `/api/audit?entityId=${user.id}&action=auth.lockout`, {
      token: t.adminToken,
    });
    expect(audit.json().items).toHaveLength(1);
  });

  it('accepts each recovery code once', async () => {
    const user = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    const { recoveryCodes } = await enrol(user.token);
    const [first, second] = recoveryCodes as [string, string];

    const challenge = await challengeOf(user.email, user.password);
    // typed in capitals without the dash still counts
    const typed = first.toUpperCase().replace('-', ' ');
    const ok = await verify({ challengeToken: challenge.challengeToken, recoveryCode: typed });
    expect(ok.statusCode).toBe(200);
    TokenResponseSchema.parse(ok.json());

    const next = await challengeOf(user.email, user.password);
    expect((await verify({ challengeToken: next.challengeToken, recoveryCode: first })).statusCode).toBe(401);
    expect((await verify({ challengeToken: next.challengeToken, recoveryCode: second })).statusCode).toBe(
      200,
    );
    const status = TwoFactorStatusSchema.parse(
      (await t.request('GET', '/api/auth/two-factor', { token: user.token })).json(),
    );
    expect(status.recoveryCodesLeft).toBe(8);
  });

  it('hands out new recovery codes for a current code: the old ones stop working, a reused code is refused', async () => {
    const user = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    const { secret, recoveryCodes: old } = await enrol(user.token);
    const regenerate = (code: string) =>
      t.request('POST', '/api/auth/two-factor/recovery-codes', { token: user.token, body: { code } });
    const wrong = await regenerate('000000');
    expect(wrong.statusCode).toBe(400);
    // the code that turned it on is spent: the next period's code is current too
    const fresh = await regenerate(codeOf(secret, 1));
    expect(fresh.statusCode, fresh.body).toBe(200);
    const { recoveryCodes } = RecoveryCodesSchema.parse(fresh.json());
    expect(recoveryCodes).toHaveLength(10);
    expect(recoveryCodes.some((code) => old.includes(code))).toBe(false);
    // the same code twice (a replay) is refused
    expect((await regenerate(codeOf(secret, 1))).statusCode).toBe(400);

    const challenge = await challengeOf(user.email, user.password);
    expect(
      (await verify({ challengeToken: challenge.challengeToken, recoveryCode: old[0]! })).statusCode,
    ).toBe(401);
    const next = await challengeOf(user.email, user.password);
    expect(
      (await verify({ challengeToken: next.challengeToken, recoveryCode: recoveryCodes[0]! })).statusCode,
    ).toBe(200);
    const audit = await t.request(
      'GET',
      `/api/audit?entityId=${user.id}&action=user.two_factor_recovery_codes`,
      {
        token: t.adminToken,
      },
    );
    expect(audit.json().items).toHaveLength(1);
  });

  it('turns off with the password or a current code, never with a wrong one', async () => {
    const user = await createUserAndLogin(t, { role: 'ATTENDANT' });
    const { secret } = await enrol(user.token);
    const wrong = await t.request('POST', '/api/auth/two-factor/disable', {
      token: user.token,
      body: { password: 'not-the-password' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details).toEqual({ password: 'A senha atual está incorreta' });
    const byCode = await t.request('POST', '/api/auth/two-factor/disable', {
      token: user.token,
      body: { code: codeOf(secret, 1) },
    });
    expect(byCode.statusCode).toBe(204);
    TokenResponseSchema.parse(await passwordStep(user.email, user.password));

    await enrol(user.token);
    const byPassword = await t.request('POST', '/api/auth/two-factor/disable', {
      token: user.token,
      body: { password: user.password },
    });
    expect(byPassword.statusCode).toBe(204);
    TokenResponseSchema.parse(await passwordStep(user.email, user.password));
  });
});

describe('roles that must use a second factor', () => {
  it('sends a user of such a role to enrolment after the password, before any token', async () => {
    const user = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    const set = await t.request('PATCH', '/api/organization', {
      token: t.adminToken,
      body: { twoFactorRoles: ['TECHNICIAN'] },
    });
    expect(set.statusCode).toBe(200);
    expect(set.json().twoFactorRoles).toEqual(['TECHNICIAN']);
    try {
      const challenge = await challengeOf(user.email, user.password);
      expect(challenge.twoFactor).toBe('ENROL');
      // an enrolment challenge does not sign in by itself
      expect((await verify({ challengeToken: challenge.challengeToken, code: '123456' })).statusCode).toBe(
        401,
      );

      const start = await t.request('POST', '/api/auth/two-factor/enrolment', {
        body: { challengeToken: challenge.challengeToken },
      });
      expect(start.statusCode).toBe(200);
      const { secret } = TwoFactorSetupSchema.parse(start.json());
      const done = await t.request('POST', '/api/auth/two-factor/enrolment/confirm', {
        body: { challengeToken: challenge.challengeToken, code: codeOf(secret) },
      });
      expect(done.statusCode).toBe(200);
      const enrolled = TwoFactorEnrolledSchema.parse(done.json());
      expect(enrolled.recoveryCodes).toHaveLength(10);
      const status = TwoFactorStatusSchema.parse(
        (await t.request('GET', '/api/auth/two-factor', { token: enrolled.accessToken })).json(),
      );
      expect(status).toMatchObject({ enabled: true, required: true });

      // from now on the code is asked for; it cannot be turned off while the role requires it
      expect((await challengeOf(user.email, user.password)).twoFactor).toBe('VERIFY');
      const off = await t.request('POST', '/api/auth/two-factor/disable', {
        token: enrolled.accessToken,
        body: { password: user.password },
      });
      expect(off.statusCode).toBe(409);

      // other roles are not affected
      const attendant = await createUserAndLogin(t, { role: 'ATTENDANT' });
      TokenResponseSchema.parse(await passwordStep(attendant.email, 'secret-pass-1'));
    } finally {
      await t.request('PATCH', '/api/organization', { token: t.adminToken, body: { twoFactorRoles: [] } });
    }
  });
});

describe('an administrator resets a user’s second factor', () => {
  it('turns it off, audited, and only for those who manage users', async () => {
    const user = await createUserAndLogin(t, { role: 'ATTENDANT' });
    await enrol(user.token);
    const status = await t.request('GET', `/api/users/${user.id}/two-factor`, { token: t.adminToken });
    expect(TwoFactorStatusSchema.parse(status.json()).enabled).toBe(true);

    const tech = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    expect(
      (await t.request('DELETE', `/api/users/${user.id}/two-factor`, { token: tech.token })).statusCode,
    ).toBe(403);

    const reset = await t.request('DELETE', `/api/users/${user.id}/two-factor`, { token: t.adminToken });
    expect(reset.statusCode).toBe(204);
    TokenResponseSchema.parse(await passwordStep(user.email, user.password));
    const audit = await t.request('GET', `/api/audit?entityId=${user.id}&action=user.two_factor_reset`, {
      token: t.adminToken,
    });
    const [entry] = audit.json().items as { action: string; actorName: string }[];
    expect(entry).toMatchObject({ action: 'user.two_factor_reset', actorName: 'Administrador' });
    expect(
      (
        await t.request('DELETE', '/api/users/00000000-0000-4000-8000-000000000000/two-factor', {
          token: t.adminToken,
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('the command line’s way back in', () => {
  it('restores an administrator without the second factor (a lost phone)', async () => {
    const admin = await createUserAndLogin(t, { role: 'ADMINISTRATOR' });
    await enrol(admin.token);
    const { rows } = await t.deps.pool.query<{ organization_id: string; branch_id: string }>(
      'SELECT organization_id, branch_id FROM users WHERE id = $1',
      [admin.id],
    );
    const target = { organizationId: rows[0]!.organization_id, branchId: rows[0]!.branch_id };
    await t.app.services.users.createOrRestoreAdmin(systemContext(), target, {
      email: admin.email,
      password: 'restored-pass-1',
    });
    TokenResponseSchema.parse(await passwordStep(admin.email, 'restored-pass-1'));
  });
});

describe('sign out everywhere', () => {
  it('ends every session of mine, this one too', async () => {
    const user = await createUserAndLogin(t, { role: 'MANAGER' });
    const other = await t.login(user.email, user.password);
    const res = await t.request('DELETE', '/api/auth/sessions', { token: user.token });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ revoked: 2 });
    expect((await t.request('GET', '/api/auth/me', { token: user.token })).statusCode).toBe(401);
    expect((await t.request('GET', '/api/auth/me', { token: other.accessToken })).statusCode).toBe(401);
    const refresh = await t.request('POST', '/api/auth/refresh', {
      body: { refreshToken: other.refreshToken },
    });
    expect(refresh.statusCode).toBe(401);
    // someone else's sessions are untouched
    expect((await t.request('GET', '/api/auth/me', { token: t.adminToken })).statusCode).toBe(200);
  });
});

describe('new-device e-mail', () => {
  it('is queued once, in the user’s language, when a sign-in comes from a device not seen before', async () => {
    const user = await createUserAndLogin(t, { role: 'ATTENDANT' });
    await t.request('PATCH', `/api/users/${user.id}`, { token: t.adminToken, body: { locale: 'es' } });
    const messages = async () =>
      (
        await t.request('GET', `/api/outbox?q=${encodeURIComponent(user.email)}`, { token: t.adminToken })
      ).json().items as { subject: string; body: string; to: string }[];
    // the account's first sign-in (createUserAndLogin) and the same device again: nothing to warn about
    await t.login(user.email, user.password);
    expect(await messages()).toHaveLength(0);

    const firefox = {
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
    };
    TokenResponseSchema.parse(await passwordStep(user.email, user.password, firefox));
    const [mail, ...rest] = await messages();
    expect(rest).toHaveLength(0);
    expect(mail!.to).toBe(user.email);
    expect(mail!.subject).toMatch(/Nuevo acceso a su cuenta/);
    expect(mail!.body).toContain('Firefox/140.0');
    expect(mail!.body).toMatch(/\/account/);

    TokenResponseSchema.parse(await passwordStep(user.email, user.password, firefox));
    expect(await messages()).toHaveLength(1);
  });
});

describe('refresh-token reuse', () => {
  it('revokes the whole family when a replaced token comes back after its successor was used', async () => {
    const user = await createUserAndLogin(t, { role: 'ATTENDANT' });
    const r1 = await t.login(user.email, user.password);
    const r2 = TokenResponseSchema.parse(
      (await t.request('POST', '/api/auth/refresh', { body: { refreshToken: r1.refreshToken } })).json(),
    );
    const r3 = TokenResponseSchema.parse(
      (await t.request('POST', '/api/auth/refresh', { body: { refreshToken: r2.refreshToken } })).json(),
    );
    // R1 again, seconds later (inside the two-tabs grace window) but after the family moved on: theft
    const replay = await t.request('POST', '/api/auth/refresh', { body: { refreshToken: r1.refreshToken } });
    expect(replay.statusCode).toBe(401);
    const next = await t.request('POST', '/api/auth/refresh', { body: { refreshToken: r3.refreshToken } });
    expect(next.statusCode).toBe(401);
    expect((await t.request('GET', '/api/auth/me', { token: r3.accessToken })).statusCode).toBe(401);
  });

  it('revokes the family on a reuse outside the grace window, and keeps it for two tabs inside it', async () => {
    const user = await createUserAndLogin(t, { role: 'ATTENDANT' });
    const r1 = await t.login(user.email, user.password);
    const r2 = TokenResponseSchema.parse(
      (await t.request('POST', '/api/auth/refresh', { body: { refreshToken: r1.refreshToken } })).json(),
    );
    // a second tab that sent R1 at the same moment: refused, the session lives on
    expect(
      (await t.request('POST', '/api/auth/refresh', { body: { refreshToken: r1.refreshToken } })).statusCode,
    ).toBe(401);
    expect((await t.request('GET', '/api/auth/me', { token: r2.accessToken })).statusCode).toBe(200);

    await t.deps.pool.query(
      `UPDATE refresh_tokens SET used_at = now() - interval '11 seconds'
        WHERE used_at IS NOT NULL AND session_id = (SELECT session_id FROM refresh_tokens rt
          JOIN sessions s ON s.id = rt.session_id WHERE s.user_id = $1 ORDER BY s.created_at DESC LIMIT 1)`,
      [user.id],
    );
    expect(
      (await t.request('POST', '/api/auth/refresh', { body: { refreshToken: r1.refreshToken } })).statusCode,
    ).toBe(401);
    expect(
      (await t.request('POST', '/api/auth/refresh', { body: { refreshToken: r2.refreshToken } })).statusCode,
    ).toBe(401);
  });
});
