import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every environment variable the server reads; `.env.example` documents each one. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  EMBEDDED_PG_PORT: z.coerce
    .number()
    .int()
    .min(1024)
    .max(65535)
    .refine((p) => p !== 5432, 'must not be 5432, the port of a system PostgreSQL')
    .default(54329),
  JWT_SECRET: z.string().min(32).optional(),
  ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64')
    .optional(),
  // key rotation (decision 0010): earlier keys, read-only, comma-separated; the lookup-hash key
  ENCRYPTION_KEY_PREVIOUS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    )
    .refine(
      (keys) => keys.every((k) => Buffer.from(k, 'base64').length === 32),
      'each key must be 32 bytes in base64',
    )
    .optional(),
  INDEX_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64')
    .optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(168).default(12),
  REMEMBER_ME_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: bool.default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  MAIL_FROM: z.string().default('Bancada <no-reply@localhost>'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  TRUST_PROXY: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  JOB_WORKER: bool.default(true),
  // dynamic Pix through a PSP's standard Pix API (issue 12); without PIX_API_URL only static BR Codes
  PIX_API_URL: z
    .url()
    .refine((u) => u.startsWith('https://'), 'must be https')
    .optional(),
  PIX_CLIENT_ID: z.string().optional(),
  PIX_CLIENT_SECRET: z.string().optional(),
  PIX_KEY: z.string().optional(),
  PIX_CERT_PATH: z.string().optional(),
  PIX_CERT_KEY_PATH: z.string().optional(),
  PIX_CA_PATH: z.string().optional(),
  PIX_TOKEN_URL: z.url().optional(),
  PIX_API_PREFIX: z.string().optional(),
  PIX_SCOPE: z.string().optional(),
  PIX_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  PIX_CHARGE_EXPIRY_SECONDS: z.coerce.number().int().min(60).max(604_800).default(3600),
  PIX_WEBHOOK_AUTH: z.enum(['secret', 'hmac', 'mtls']).default('secret'),
  PIX_WEBHOOK_SECRET: z.string().min(32).optional(),
  PIX_WEBHOOK_HMAC_SECRET: z.string().min(16).optional(),
  PIX_WEBHOOK_HMAC_HEADER: z.string().default('x-signature'),
  PIX_WEBHOOK_CERT_FINGERPRINTS: z.string().optional(),
  // NFS-e through Focus NFe (decision 0009); without a token fiscal documents are recorded by hand
  FOCUS_NFE_TOKEN: z.string().optional(),
  FOCUS_NFE_ENVIRONMENT: z.enum(['homologacao', 'producao']).default('homologacao'),
  FOCUS_NFE_BASE_URL: z.url().optional(),
  FOCUS_NFE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(20_000),
  FOCUS_NFE_WEBHOOK_SECRET: z.string().optional(),
  // messages to customers (issue 14): WhatsApp Business Platform (Cloud API) and SMS (Twilio, decision
  // 0012); without them messages are kept in the outbox and the order page offers a wa.me link
  WHATSAPP_API_URL: z.url().optional(),
  WHATSAPP_API_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, 'a Graph API version such as v23.0')
    .optional(),
  WHATSAPP_PHONE_NUMBER_ID: z.string().optional(),
  WHATSAPP_ACCESS_TOKEN: z.string().optional(),
  WHATSAPP_APP_SECRET: z.string().optional(),
  WHATSAPP_VERIFY_TOKEN: z.string().optional(),
  SMS_PROVIDER: z.enum(['twilio']).optional(),
  SMS_API_URL: z.url().optional(),
  TWILIO_ACCOUNT_SID: z.string().optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  SMS_FROM: z.string().optional(),
  TWILIO_MESSAGING_SERVICE_SID: z.string().optional(),
  // backups (issue 13 §1): the archive key, separate from ENCRYPTION_KEY; S3-compatible bucket optional
  BACKUP_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64')
    .optional(),
  BACKUP_S3_BUCKET: z.string().optional(),
  BACKUP_S3_ENDPOINT: z.url().optional(),
  BACKUP_S3_REGION: z.string().default('us-east-1'),
  BACKUP_S3_ACCESS_KEY_ID: z.string().optional(),
  BACKUP_S3_SECRET_ACCESS_KEY: z.string().optional(),
  BACKUP_S3_PREFIX: z.string().default(''),
  // uploads (photos, documents) on an S3-compatible bucket instead of DATA_DIR/uploads (issue 13 §6b)
  UPLOADS_S3_BUCKET: z.string().optional(),
  UPLOADS_S3_ENDPOINT: z.url().optional(),
  UPLOADS_S3_REGION: z.string().default('us-east-1'),
  UPLOADS_S3_ACCESS_KEY_ID: z.string().optional(),
  UPLOADS_S3_SECRET_ACCESS_KEY: z.string().optional(),
  UPLOADS_S3_PREFIX: z.string().default(''),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  embeddedPgPort: number;
  jwtSecret: string | undefined;
  encryptionKey: string | undefined;
  /** read-only keys a rotation is moving data away from (with ENCRYPTION_KEY only) */
  encryptionKeyPrevious: string[];
  /** the lookup-hash key, fixed for the installation's life; required once ENCRYPTION_KEY has changed */
  indexKey: string | undefined;
  accessTokenTtlSeconds: number;
  sessionTtlHours: number;
  rememberMeDays: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginRateLimitPerMinute: number;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  smtp: { host: string; port: number; secure: boolean; user?: string; password?: string } | undefined;
  mailFrom: string;
  bodyLimitBytes: number;
  trustProxy: boolean;
  logLevel: string;
  jobWorker: boolean;
  pix: PixSettings | undefined;
  pixWebhook: {
    auth: 'secret' | 'hmac' | 'mtls';
    secret: string | undefined;
    hmacSecret: string | undefined;
    hmacHeader: string;
    certFingerprints: string[];
  };
  fiscal:
    | {
        token: string;
        environment: 'homologacao' | 'producao';
        baseUrl: string | undefined;
        timeoutMs: number;
        webhookSecret: string | undefined;
      }
    | undefined;
  /** WhatsApp Cloud API: sending needs the phone number id and token; the webhook its secrets */
  whatsapp: {
    apiUrl: string | undefined;
    apiVersion: string | undefined;
    phoneNumberId: string | undefined;
    accessToken: string | undefined;
    appSecret: string | undefined;
    verifyToken: string | undefined;
  };
  sms:
    | {
        provider: 'twilio';
        apiUrl: string | undefined;
        accountSid: string;
        authToken: string;
        from: string | undefined;
        messagingServiceSid: string | undefined;
      }
    | undefined;
  backup: {
    /** base64 of 32 bytes; unset: generated once into DATA_DIR/backup.key */
    key: string | undefined;
    s3: BackupS3Settings | undefined;
  };
  uploads: UploadsSettings;
};

/** Where uploads live: S3-compatible bucket when UPLOADS_S3_BUCKET is set, DATA_DIR/uploads otherwise. */
export type UploadsSettings = { s3: S3Settings | undefined };

/** An S3-compatible bucket (backups, uploads). */
export type S3Settings = BackupS3Settings;

export type BackupS3Settings = {
  bucket: string;
  endpoint: string | undefined;
  region: string;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  /** key prefix inside the bucket, '' or ending in '/' */
  prefix: string;
};

export type PixSettings = {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  pixKey: string;
  certPath?: string;
  keyPath?: string;
  caPath?: string;
  tokenUrl?: string;
  apiPrefix?: string;
  scope?: string;
  timeoutMs: number;
  chargeExpirySeconds: number;
};

type Env = z.output<typeof EnvSchema>;

/** WhatsApp needs its id and token together; SMS_PROVIDER=twilio needs its account and a sender. */
function messagingProblems(e: Env): string[] {
  const problems: string[] = [];
  if (Boolean(e.WHATSAPP_PHONE_NUMBER_ID) !== Boolean(e.WHATSAPP_ACCESS_TOKEN)) {
    problems.push(
      'WHATSAPP_PHONE_NUMBER_ID and WHATSAPP_ACCESS_TOKEN: set both to send WhatsApp messages (or neither)',
    );
  }
  if (e.SMS_PROVIDER === 'twilio') {
    for (const name of ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'] as const)
      if (!e[name]) problems.push(`${name}: required when SMS_PROVIDER is twilio`);
    if (!e.SMS_FROM && !e.TWILIO_MESSAGING_SERVICE_SID)
      problems.push('SMS_FROM or TWILIO_MESSAGING_SERVICE_SID: required when SMS_PROVIDER is twilio');
  }
  return problems;
}

function smsSettings(e: Env): Config['sms'] {
  if (e.SMS_PROVIDER !== 'twilio' || !e.TWILIO_ACCOUNT_SID || !e.TWILIO_AUTH_TOKEN) return undefined;
  return {
    provider: 'twilio',
    apiUrl: e.SMS_API_URL,
    accountSid: e.TWILIO_ACCOUNT_SID,
    authToken: e.TWILIO_AUTH_TOKEN,
    from: e.SMS_FROM,
    messagingServiceSid: e.TWILIO_MESSAGING_SERVICE_SID,
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** The only reader of process.env. Reports every bad variable at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blanksRemoved = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = EnvSchema.safeParse(blanksRemoved);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const pixProblems = e.PIX_API_URL
    ? (['PIX_CLIENT_ID', 'PIX_CLIENT_SECRET', 'PIX_KEY'] as const)
        .filter((name) => !e[name])
        .map((name) => `${name}: required when PIX_API_URL is set (dynamic Pix)`)
    : [];
  if (e.PIX_API_URL && e.PIX_WEBHOOK_AUTH === 'secret' && !e.PIX_WEBHOOK_SECRET) {
    pixProblems.push('PIX_WEBHOOK_SECRET: required (32+ characters) when PIX_WEBHOOK_AUTH is secret');
  }
  if (e.PIX_WEBHOOK_AUTH === 'hmac' && !e.PIX_WEBHOOK_HMAC_SECRET) {
    pixProblems.push('PIX_WEBHOOK_HMAC_SECRET: required when PIX_WEBHOOK_AUTH is hmac');
  }
  if (Boolean(e.BACKUP_S3_ACCESS_KEY_ID) !== Boolean(e.BACKUP_S3_SECRET_ACCESS_KEY)) {
    pixProblems.push(
      'BACKUP_S3_ACCESS_KEY_ID and BACKUP_S3_SECRET_ACCESS_KEY: set both (or neither, for the SDK default credentials)',
    );
  }
  if (Boolean(e.UPLOADS_S3_ACCESS_KEY_ID) !== Boolean(e.UPLOADS_S3_SECRET_ACCESS_KEY)) {
    pixProblems.push(
      'UPLOADS_S3_ACCESS_KEY_ID and UPLOADS_S3_SECRET_ACCESS_KEY: set both (or neither, for the SDK default credentials)',
    );
  }
  pixProblems.push(...messagingProblems(e));
  if (pixProblems.length) throw new ConfigError(pixProblems);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    jwtSecret: e.JWT_SECRET,
    encryptionKey: e.ENCRYPTION_KEY,
    encryptionKeyPrevious: e.ENCRYPTION_KEY_PREVIOUS ?? [],
    indexKey: e.INDEX_KEY,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    rememberMeDays: e.REMEMBER_ME_DAYS,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    adminEmail: e.ADMIN_EMAIL,
    adminPassword: e.ADMIN_PASSWORD,
    smtp: e.SMTP_HOST
      ? {
          host: e.SMTP_HOST,
          port: e.SMTP_PORT,
          secure: e.SMTP_SECURE,
          ...(e.SMTP_USER ? { user: e.SMTP_USER } : {}),
          ...(e.SMTP_PASSWORD ? { password: e.SMTP_PASSWORD } : {}),
        }
      : undefined,
    mailFrom: e.MAIL_FROM,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    jobWorker: e.JOB_WORKER,
    pix: e.PIX_API_URL
      ? {
          baseUrl: e.PIX_API_URL,
          clientId: e.PIX_CLIENT_ID!,
          clientSecret: e.PIX_CLIENT_SECRET!,
          pixKey: e.PIX_KEY!,
          ...(e.PIX_CERT_PATH ? { certPath: e.PIX_CERT_PATH } : {}),
          ...(e.PIX_CERT_KEY_PATH ? { keyPath: e.PIX_CERT_KEY_PATH } : {}),
          ...(e.PIX_CA_PATH ? { caPath: e.PIX_CA_PATH } : {}),
          ...(e.PIX_TOKEN_URL ? { tokenUrl: e.PIX_TOKEN_URL } : {}),
          ...(e.PIX_API_PREFIX !== undefined ? { apiPrefix: e.PIX_API_PREFIX } : {}),
          ...(e.PIX_SCOPE ? { scope: e.PIX_SCOPE } : {}),
          timeoutMs: e.PIX_TIMEOUT_MS,
          chargeExpirySeconds: e.PIX_CHARGE_EXPIRY_SECONDS,
        }
      : undefined,
    pixWebhook: {
      auth: e.PIX_WEBHOOK_AUTH,
      secret: e.PIX_WEBHOOK_SECRET,
      hmacSecret: e.PIX_WEBHOOK_HMAC_SECRET,
      hmacHeader: e.PIX_WEBHOOK_HMAC_HEADER.toLowerCase(),
      certFingerprints: (e.PIX_WEBHOOK_CERT_FINGERPRINTS ?? '')
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean),
    },
    fiscal: e.FOCUS_NFE_TOKEN
      ? {
          token: e.FOCUS_NFE_TOKEN,
          environment: e.FOCUS_NFE_ENVIRONMENT,
          baseUrl: e.FOCUS_NFE_BASE_URL,
          timeoutMs: e.FOCUS_NFE_TIMEOUT_MS,
          webhookSecret: e.FOCUS_NFE_WEBHOOK_SECRET,
        }
      : undefined,
    whatsapp: {
      apiUrl: e.WHATSAPP_API_URL,
      apiVersion: e.WHATSAPP_API_VERSION,
      phoneNumberId: e.WHATSAPP_PHONE_NUMBER_ID,
      accessToken: e.WHATSAPP_ACCESS_TOKEN,
      appSecret: e.WHATSAPP_APP_SECRET,
      verifyToken: e.WHATSAPP_VERIFY_TOKEN,
    },
    sms: smsSettings(e),
    backup: {
      key: e.BACKUP_KEY,
      s3: e.BACKUP_S3_BUCKET
        ? {
            bucket: e.BACKUP_S3_BUCKET,
            endpoint: e.BACKUP_S3_ENDPOINT,
            region: e.BACKUP_S3_REGION,
            accessKeyId: e.BACKUP_S3_ACCESS_KEY_ID,
            secretAccessKey: e.BACKUP_S3_SECRET_ACCESS_KEY,
            prefix: e.BACKUP_S3_PREFIX.replace(/^\/+/, '').replace(/([^/])$/, '$1/'),
          }
        : undefined,
    },
    uploads: {
      s3: e.UPLOADS_S3_BUCKET
        ? {
            bucket: e.UPLOADS_S3_BUCKET,
            endpoint: e.UPLOADS_S3_ENDPOINT,
            region: e.UPLOADS_S3_REGION,
            accessKeyId: e.UPLOADS_S3_ACCESS_KEY_ID,
            secretAccessKey: e.UPLOADS_S3_SECRET_ACCESS_KEY,
            prefix: e.UPLOADS_S3_PREFIX.replace(/^\/+/, '').replace(/([^/])$/, '$1/'),
          }
        : undefined,
    },
  };
}
