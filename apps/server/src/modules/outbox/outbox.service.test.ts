import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../test/helpers.js';
import { createMailer } from '../../platform/mailer.js';

type Received = { to: string[]; data: string };

describe('outbox delivery', () => {
  let sink: SMTPServer;
  let received: Received[];
  let port: number;

  beforeAll(async () => {
    received = [];
    sink = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => {
          data += chunk.toString('utf8');
        });
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
          callback();
        });
      },
    });
    sink.listen(0, '127.0.0.1');
    await once(sink.server, 'listening');
    port = (sink.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => sink.close(() => resolve())));

  it('sends through SMTP when configured and records the result', async () => {
    const mailer = createMailer({
      smtp: { host: '127.0.0.1', port, secure: false },
      mailFrom: 'Oficina <os@oficina.test>',
    });
    const t: TestApp = await createTestApp({ mailer });
    try {
      const user = await createUserAndLogin(t, { role: 'ATTENDANT' });
      await t.request('POST', '/api/auth/password-reset', { body: { email: user.email } });
      const { rows } = await t.deps.pool.query<{ id: string }>('SELECT id FROM outbox_messages');
      await t.app.services.outbox.deliver(rows[0]!.id);
      expect(received).toHaveLength(1);
      expect(received[0]!.to).toEqual([user.email]);
      expect(decodeBody(received[0]!.data)).toMatch(/reset-password\?token=[\w-]{20,}/);
      const list = await t.request('GET', '/api/outbox', { token: t.adminToken });
      expect(list.json().items[0]).toMatchObject({ status: 'sent', attempts: 1 });
      // delivering again does not send twice
      await t.app.services.outbox.deliver(rows[0]!.id);
      expect(received).toHaveLength(1);
    } finally {
      await t.close();
    }
  });

  it('keeps the message readable in the outbox when no provider is configured', async () => {
    const t = await createTestApp();
    try {
      const user = await createUserAndLogin(t, { role: 'ATTENDANT' });
      await t.request('POST', '/api/auth/password-reset', { body: { email: user.email } });
      const { rows } = await t.deps.pool.query<{ id: string }>('SELECT id FROM outbox_messages');
      await t.app.services.outbox.deliver(rows[0]!.id);
      const [message] = (await t.request('GET', '/api/outbox?status=stored', { token: t.adminToken })).json()
        .items;
      expect(message).toMatchObject({ channel: 'email', to: user.email, status: 'stored' });
      expect(message.body).toContain('/reset-password?token=');
    } finally {
      await t.close();
    }
  });

  it('marks a failed delivery and lets the job retry', async () => {
    const mailer = createMailer({ smtp: { host: '127.0.0.1', port: 1, secure: false }, mailFrom: 'x@y.z' });
    const t = await createTestApp({ mailer });
    try {
      const user = await createUserAndLogin(t, { role: 'ATTENDANT' });
      await t.request('POST', '/api/auth/password-reset', { body: { email: user.email } });
      const { rows } = await t.deps.pool.query<{ id: string }>('SELECT id FROM outbox_messages');
      await expect(t.app.services.outbox.deliver(rows[0]!.id)).rejects.toThrow();
      const [message] = (await t.request('GET', '/api/outbox', { token: t.adminToken })).json().items;
      expect(message).toMatchObject({ status: 'failed', attempts: 1 });
      expect(message.error).toBeTruthy();
    } finally {
      await t.close();
    }
  });
});

/** The text body of a single-part message, undoing the transfer encoding nodemailer chose. */
function decodeBody(raw: string): string {
  const [headers = '', ...rest] = raw.split('\r\n\r\n');
  const body = rest.join('\r\n\r\n');
  if (/content-transfer-encoding:\s*base64/i.test(headers))
    return Buffer.from(body, 'base64').toString('utf8');
  if (/content-transfer-encoding:\s*quoted-printable/i.test(headers)) {
    const bytes = body
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}
