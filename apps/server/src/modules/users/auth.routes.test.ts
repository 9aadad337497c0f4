import { ErrorBodySchema, MeSchema, TokenResponseSchema } from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApp, createUserAndLogin, type TestApp } from '../../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { loginMaxFailures: 3, loginLockMinutes: 15 } });
});
afterAll(() => t.close());

describe('POST /api/auth/login', () => {
  it('signs the bootstrap administrator in with the seed-shaped token body', async () => {
    const res = await t.request('POST', '/api/auth/login', {
      body: { email: ADMIN.email, password: ADMIN.password },
    });
    expect(res.statusCode).toBe(200);
    const body = TokenResponseSchema.parse(res.json());
    expect(body.user).toMatchObject({ email: ADMIN.email, role: 'ADMINISTRATOR' });
    expect(body.expiresIn).toBe(900);
  });

  it('accepts the e-mail in any case', async () => {
    const res = await t.request('POST', '/api/auth/login', {
      body: { email: ADMIN.email.toUpperCase(), password: ADMIN.password },
    });
    expect(res.statusCode).toBe(200);
  });

  it('answers a wrong password with 401 and a translated message', async () => {
    const res = await t.request('POST', '/api/auth/login', {
      body: { email: ADMIN.email, password: 'nope-nope' },
      headers: { 'accept-language': 'es' },
    });
    expect(res.statusCode).toBe(401);
    expect(ErrorBodySchema.parse(res.json())).toEqual({
      error: 'Unauthorized',
      message: 'Correo electrónico o contraseña incorrectos',
    });
  });

  it('answers an unknown e-mail exactly like a wrong password', async () => {
    const res = await t.request('POST', '/api/auth/login', {
      body: { email: 'ghost@x.com', password: 'whatever1' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('E-mail ou senha incorretos');
  });

  it('locks the account after repeated failures with 423, even for the right password', async () => {
    const user = await createUserAndLogin(t, { role: 'ATTENDANT' });
    const attempt = (password: string) =>
      t.request('POST', '/api/auth/login', {
        body: { email: user.email, password },
        headers: { 'accept-language': 'en' },
      });
    expect((await attempt('wrong-1')).statusCode).toBe(401);
    expect((await attempt('wrong-2')).statusCode).toBe(401);
    const locked = await attempt('wrong-3');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error).toBe('Locked');
    expect(locked.json().message).toMatch(/temporarily locked/);
    expect(locked.headers['retry-after']).toBeDefined();
    expect((await attempt(user.password)).statusCode).toBe(423);

    // an administrator unlocks it
    const get = await t.request('GET', `/api/users/${user.id}`, { token: t.adminToken });
    expect(get.json().lockedUntil).not.toBeNull();
    const unlock = await t.request('PATCH', `/api/users/${user.id}`, {
      token: t.adminToken,
      body: { unlock: true },
    });
    expect(unlock.statusCode).toBe(200);
    expect((await attempt(user.password)).statusCode).toBe(200);
  });

  it('refuses a deactivated account', async () => {
    const user = await createUserAndLogin(t, { role: 'ATTENDANT' });
    await t.request('PATCH', `/api/users/${user.id}`, { token: t.adminToken, body: { active: false } });
    const res = await t.request('POST', '/api/auth/login', {
      body: { email: user.email, password: user.password },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('Esta conta está desativada');
  });

  it('reports missing fields keyed by field name', async () => {
    const res = await t.request('POST', '/api/auth/login', { body: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'Validation Error',
      message: 'Campos obrigatórios ausentes',
      details: { email: 'Campo obrigatório', password: 'Campo obrigatório' },
    });
  });
});

describe('rate limiting', () => {
  it('answers 429 once an address exceeds the login limit', async () => {
    const limited = await createTestApp({ config: { loginRateLimitPerMinute: 3 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await limited.request('POST', '/api/auth/login', {
          body: { email: 'someone@x.com', password: 'whatever1' },
        });
        codes.push(res.statusCode);
      }
      expect(codes.slice(0, 2)).toEqual([401, 401]);
      expect(codes.at(-1)).toBe(429);
      const res = await limited.request('POST', '/api/auth/login', {
        body: { email: 'a@x.com', password: 'x' },
      });
      expect(ErrorBodySchema.parse(res.json()).error).toBe('Too Many Requests');
    } finally {
      await limited.close();
    }
  });
});

describe('sessions', () => {
  it('rotates refresh tokens and revokes the session when an old one is replayed', async () => {
    const first = await t.login(ADMIN.email, ADMIN.password);
    const second = await t.request('POST', '/api/auth/refresh', {
      body: { refreshToken: first.refreshToken },
    });
    expect(second.statusCode).toBe(200);
    const rotated = TokenResponseSchema.parse(second.json());
    expect(rotated.refreshToken).not.toBe(first.refreshToken);

    // replay of the used token, after the grace window: the whole session is revoked
    await t.deps.pool.query(
      `UPDATE refresh_tokens SET used_at = now() - interval '1 minute' WHERE used_at IS NOT NULL`,
    );
    const replay = await t.request('POST', '/api/auth/refresh', {
      body: { refreshToken: first.refreshToken },
    });
    expect(replay.statusCode).toBe(401);
    const afterTheft = await t.request('POST', '/api/auth/refresh', {
      body: { refreshToken: rotated.refreshToken },
    });
    expect(afterTheft.statusCode).toBe(401);
    const me = await t.request('GET', '/api/auth/me', { token: rotated.accessToken });
    expect(me.statusCode).toBe(401);
  });

  it('lets only one of two concurrent refreshes with the same token win', async () => {
    const tokens = await t.login(ADMIN.email, ADMIN.password);
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        t.request('POST', '/api/auth/refresh', { body: { refreshToken: tokens.refreshToken } }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 401)).toHaveLength(2);
  });

  it('makes "remember me" sessions last longer', async () => {
    const short = await t.login(ADMIN.email, ADMIN.password, false);
    const long = await t.login(ADMIN.email, ADMIN.password, true);
    const res = await t.request('GET', '/api/auth/sessions', { token: long.accessToken });
    const sessions = res.json() as { current: boolean; expiresAt: string; rememberMe: boolean }[];
    const current = sessions.find((s) => s.current)!;
    expect(current.rememberMe).toBe(true);
    const days = (Date.parse(current.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29);
    const shortRes = await t.request('GET', '/api/auth/sessions', { token: short.accessToken });
    const shortSession = (shortRes.json() as typeof sessions).find((s) => s.current)!;
    expect((Date.parse(shortSession.expiresAt) - Date.now()) / 3_600_000).toBeLessThanOrEqual(12);
  });

  it('logs out: the access token and the refresh token stop working', async () => {
    const tokens = await t.login(ADMIN.email, ADMIN.password);
    const out = await t.request('POST', '/api/auth/logout', {
      token: tokens.accessToken,
      body: { refreshToken: tokens.refreshToken },
    });
    expect(out.statusCode).toBe(204);
    expect((await t.request('GET', '/api/auth/me', { token: tokens.accessToken })).statusCode).toBe(401);
    const refresh = await t.request('POST', '/api/auth/refresh', {
      body: { refreshToken: tokens.refreshToken },
    });
    expect(refresh.statusCode).toBe(401);
  });

  it('lists my sessions and revokes one of them', async () => {
    const user = await createUserAndLogin(t, { role: 'MANAGER' });
    const other = await t.login(user.email, user.password);
    const list = await t.request('GET', '/api/auth/sessions', { token: user.token });
    expect(list.json()).toHaveLength(2);
    const target = (list.json() as { id: string; current: boolean }[]).find((s) => !s.current)!;
    expect(
      (await t.request('DELETE', `/api/auth/sessions/${target.id}`, { token: user.token })).statusCode,
    ).toBe(204);
    expect((await t.request('GET', '/api/auth/me', { token: other.accessToken })).statusCode).toBe(401);
    // someone else's session is not mine to revoke
    const adminSessions = await t.request('GET', '/api/auth/sessions', { token: t.adminToken });
    const adminSession = (adminSessions.json() as { id: string }[])[0]!;
    expect(
      (await t.request('DELETE', `/api/auth/sessions/${adminSession.id}`, { token: user.token })).statusCode,
    ).toBe(404);
  });

  it('ends sessions when an administrator deactivates the user', async () => {
    const user = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    expect((await t.request('GET', '/api/auth/me', { token: user.token })).statusCode).toBe(200);
    await t.request('PATCH', `/api/users/${user.id}`, { token: t.adminToken, body: { active: false } });
    expect((await t.request('GET', '/api/auth/me', { token: user.token })).statusCode).toBe(401);
  });

  it('rejects a missing, malformed or forged token with seed 004’s 401 body', async () => {
    for (const token of [undefined, 'garbage', `${t.adminToken.slice(0, -3)}abc`]) {
      const res = await t.request('GET', '/api/auth/me', token ? { token } : {});
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({
        error: 'Unauthorized',
        message: 'Token de autenticação inválido ou expirado',
      });
    }
  });
});

describe('me and passwords', () => {
  it('returns the user, organization and permissions', async () => {
    const tech = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    const me = MeSchema.parse((await t.request('GET', '/api/auth/me', { token: tech.token })).json());
    expect(me.role).toBe('TECHNICIAN');
    expect(me.permissions).toContain('repairs:read');
    expect(me.permissions).not.toContain('users:manage');
    expect(me.organization.name).toBeTruthy();
  });

  it('changes my language and name', async () => {
    const user = await createUserAndLogin(t, { role: 'ATTENDANT' });
    const res = await t.request('PATCH', '/api/auth/me', {
      token: user.token,
      body: { locale: 'es', name: 'Ana Paula' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ locale: 'es', name: 'Ana Paula' });
  });

  it('changes my password, ends my other sessions and keeps this one', async () => {
    const user = await createUserAndLogin(t, { role: 'ATTENDANT' });
    const other = await t.login(user.email, user.password);
    const wrong = await t.request('POST', '/api/auth/password', {
      token: user.token,
      body: { currentPassword: 'not-it', newPassword: 'brand-new-pass' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details).toEqual({ currentPassword: 'A senha atual está incorreta' });
    const ok = await t.request('POST', '/api/auth/password', {
      token: user.token,
      body: { currentPassword: user.password, newPassword: 'brand-new-pass' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await t.request('GET', '/api/auth/me', { token: user.token })).statusCode).toBe(200);
    expect((await t.request('GET', '/api/auth/me', { token: other.accessToken })).statusCode).toBe(401);
    await expect(t.login(user.email, 'brand-new-pass')).resolves.toBeDefined();
  });

  it('resets a forgotten password with the e-mailed token, once', async () => {
    const user = await createUserAndLogin(t, { role: 'MANAGER' });
    const res = await t.request('POST', '/api/auth/password-reset', { body: { email: user.email } });
    expect(res.statusCode).toBe(202);
    const unknown = await t.request('POST', '/api/auth/password-reset', { body: { email: 'nobody@x.com' } });
    expect(unknown.statusCode).toBe(202);

    const outbox = await t.request('GET', `/api/outbox?q=${encodeURIComponent(user.email)}`, {
      token: t.adminToken,
    });
    const [message] = outbox.json().items as { body: string; subject: string; to: string; status: string }[];
    expect(message).toMatchObject({ to: user.email, status: 'queued' });
    expect(message!.subject).toMatch(/Redefinição de senha/);
    const token = /token=([\w-]+)/.exec(message!.body)![1]!;

    const confirm = await t.request('POST', '/api/auth/password-reset/confirm', {
      body: { token, password: 'reset-pass-123' },
    });
    expect(confirm.statusCode).toBe(204);
    await expect(t.login(user.email, 'reset-pass-123')).resolves.toBeDefined();
    expect((await t.request('GET', '/api/auth/me', { token: user.token })).statusCode).toBe(401);
    const again = await t.request('POST', '/api/auth/password-reset/confirm', {
      body: { token, password: 'other-pass-1' },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().message).toBe('Link de redefinição de senha inválido ou expirado');
  });
});
