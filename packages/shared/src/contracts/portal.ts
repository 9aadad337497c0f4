import { z } from 'zod';
import { detectBrazilianDocument, normalizeDocument } from '../documents.js';
import { LOCALES } from '../locales.js';
import { PaginationQuerySchema, pageOf } from '../pagination.js';
import { EmailSchema, IsoDateTimeSchema, PasswordSchema } from './common.js';
import { PhoneInputSchema } from './customers.js';

/**
 * Customer accounts (issue 15 §2): self-registration with e-mail verification, staff invitations,
 * and the customer's LGPD requests (art. 18: correction, deletion). The customer's own records are
 * read through the existing routes with customer scoping (`customer: 'own'` in route-access.ts).
 */

/** A link's token as e-mailed (base64url). */
const TokenSchema = z.string().trim().min(1, { message: 'validation.required' }).max(200);

export const PortalRegisterSchema = z
  .object({
    name: z.string().trim().min(1, { message: 'validation.required' }).max(160),
    email: EmailSchema,
    password: PasswordSchema,
    phone: PhoneInputSchema.optional(),
    /** CPF or CNPJ (mask optional): links to the shop's existing record with that document, after verification */
    document: z.string().trim().max(30).optional(),
    acceptPrivacyPolicy: z.literal(true, { message: 'validation.required' }),
    /** the language of the e-mails (and of the account); defaults to the request's language */
    locale: z.enum(LOCALES).optional(),
  })
  .transform((data, ctx) => {
    if (!data.document) return { ...data, document: undefined };
    const type = detectBrazilianDocument(data.document) ?? 'CPF';
    const normalized = normalizeDocument(type, data.document);
    if (!normalized) {
      ctx.addIssue({
        code: 'custom',
        message: `validation.document_${type.toLowerCase()}`,
        path: ['document'],
      });
      return z.NEVER;
    }
    return { ...data, document: normalized };
  });
export type PortalRegister = z.input<typeof PortalRegisterSchema>;
export type PortalRegisterParsed = z.output<typeof PortalRegisterSchema>;

/** 202, for every well-formed registration: known e-mail or not (no enumeration). */
export const PortalRegisterAcceptedSchema = z
  .object({ status: z.literal('verification_sent') })
  .meta({ id: 'PortalRegisterAccepted' });
export type PortalRegisterAccepted = z.infer<typeof PortalRegisterAcceptedSchema>;

export const PortalVerifyEmailSchema = z.object({ token: TokenSchema });
export type PortalVerifyEmail = z.input<typeof PortalVerifyEmailSchema>;

/** 200 after verifying or accepting: the account exists and signs in with `POST /api/auth/login`. */
export const PortalAccountReadySchema = z.object({ email: z.string() }).meta({ id: 'PortalAccountReady' });
export type PortalAccountReady = z.infer<typeof PortalAccountReadySchema>;

export const PortalInvitationSentSchema = z
  .object({ status: z.literal('invitation_sent') })
  .meta({ id: 'PortalInvitationSent' });
export type PortalInvitationSent = z.infer<typeof PortalInvitationSentSchema>;

export const PortalAcceptInvitationSchema = z.object({ token: TokenSchema, password: PasswordSchema });
export type PortalAcceptInvitation = z.input<typeof PortalAcceptInvitationSchema>;

// ------------------------------------------------------------------ data requests (LGPD art. 18)

export const DATA_REQUEST_KINDS = ['CORRECTION', 'DELETION'] as const;
export type DataRequestKind = (typeof DATA_REQUEST_KINDS)[number];
export const DATA_REQUEST_STATUSES = ['OPEN', 'DONE', 'REJECTED'] as const;
export type DataRequestStatus = (typeof DATA_REQUEST_STATUSES)[number];

export const DataRequestCreateSchema = z.object({
  kind: z.enum(DATA_REQUEST_KINDS),
  /** what to correct, or why (a deletion request may leave it short) */
  message: z.string().trim().max(5000).default(''),
});
export type DataRequestCreate = z.input<typeof DataRequestCreateSchema>;

/** What the customer sees of their own request. */
export const DataRequestSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(DATA_REQUEST_KINDS),
    status: z.enum(DATA_REQUEST_STATUSES),
    message: z.string(),
    /** staff's answer once resolved */
    answer: z.string().nullable(),
    createdAt: IsoDateTimeSchema,
    resolvedAt: IsoDateTimeSchema.nullable(),
  })
  .meta({ id: 'DataRequest' });
export type DataRequest = z.infer<typeof DataRequestSchema>;

export const DataRequestCreatedSchema = DataRequestSchema.pick({
  id: true,
  kind: true,
  status: true,
  createdAt: true,
}).meta({ id: 'DataRequestCreated' });
export type DataRequestCreated = z.infer<typeof DataRequestCreatedSchema>;

export const DataRequestListSchema = z
  .object({ items: z.array(DataRequestSchema) })
  .meta({ id: 'DataRequestList' });
export type DataRequestList = z.infer<typeof DataRequestListSchema>;

/** Staff's view: whose request, and who resolved it. */
export const StaffDataRequestSchema = DataRequestSchema.extend({
  customerId: z.uuid(),
  customerName: z.string(),
  resolvedByName: z.string().nullable(),
}).meta({ id: 'StaffDataRequest' });
export type StaffDataRequest = z.infer<typeof StaffDataRequestSchema>;

export const StaffDataRequestQuerySchema = PaginationQuerySchema.extend({
  status: z.enum(DATA_REQUEST_STATUSES).optional(),
});
export type StaffDataRequestQuery = z.infer<typeof StaffDataRequestQuerySchema>;

export const StaffDataRequestPageSchema = pageOf(StaffDataRequestSchema).meta({ id: 'StaffDataRequestPage' });
export type StaffDataRequestPage = z.infer<typeof StaffDataRequestPageSchema>;

export const DataRequestResolveSchema = z.object({
  status: z.enum(['DONE', 'REJECTED']),
  answer: z.string().trim().min(1, { message: 'validation.required' }).max(5000),
});
export type DataRequestResolve = z.input<typeof DataRequestResolveSchema>;
