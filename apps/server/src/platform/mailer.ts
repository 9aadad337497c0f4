import nodemailer from 'nodemailer';
import type { Config } from '../config.js';

export type MailAttachment = { filename: string; contentType: string; contentBase64: string };
export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  attachments?: MailAttachment[];
};
export type Mailer = { send: (message: MailMessage) => Promise<{ messageId: string }> } | null;

/** SMTP when configured; `null` means messages stay in the in-app outbox. */
export function createMailer(config: Pick<Config, 'smtp' | 'mailFrom'>): Mailer {
  const smtp = config.smtp;
  if (!smtp) return null;
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
  });
  return {
    async send(message) {
      const info = await transport.sendMail({
        from: config.mailFrom,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        ...(message.attachments?.length
          ? {
              attachments: message.attachments.map((a) => ({
                filename: a.filename,
                contentType: a.contentType,
                content: Buffer.from(a.contentBase64, 'base64'),
              })),
            }
          : {}),
      });
      return { messageId: String(info.messageId) };
    },
  };
}
