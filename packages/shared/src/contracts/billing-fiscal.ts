import { z } from 'zod';
import { hasAtMostTwoDecimals } from '../money.js';

/**
 * Issuing fiscal documents through the provider (issue 12 §4, decision 0009) and the cash-flow query
 * (§2). The shop's municipal data is not on the organization yet, so the NFS-e request carries it.
 */

/** How the shop is taxed federally (the national NFS-e's opSimpNac); left out, the provider's record decides. */
export const SIMPLES_NACIONAL_OPTIONS = ['not_opted', 'mei', 'me_epp'] as const;
export type SimplesNacionalOption = (typeof SIMPLES_NACIONAL_OPTIONS)[number];

/** An NFS-e for the invoice's service (labor) lines. */
export const NfseIssueSchema = z.object({
  /** the shop's inscrição municipal */
  municipalRegistration: z.string().trim().min(1).max(30),
  /** IBGE code of the shop's municipality, 7 digits */
  municipalityCode: z
    .string()
    .trim()
    .max(7)
    .regex(/^\d{7}$/, { message: 'validation.ibge' }),
  /** ISS rate in percent (5 = 5%), at most two decimals */
  issRate: z.number().min(0).max(100).refine(hasAtMostTwoDecimals, { message: 'validation.money_decimals' }),
  /** whether the customer withholds the ISS (retenção na fonte) */
  issWithheld: z.boolean().default(false),
  /** LC 116/2003 item; 14.01 is repair and maintenance */
  serviceCode: z
    .string()
    .trim()
    .max(5)
    .regex(/^\d{1,2}\.\d{2}$/)
    .default('14.01'),
  simplesNacional: z.enum(SIMPLES_NACIONAL_OPTIONS).optional(),
  /** replaces the description built from the service lines */
  description: z.string().trim().min(1).max(2000).optional(),
});
export type NfseIssue = z.input<typeof NfseIssueSchema>;
export type NfseIssueParsed = z.output<typeof NfseIssueSchema>;

/** Focus NFe (and the national environment) take a reason of 15 to 255 characters. */
export const FiscalDocumentCancelSchema = z.object({
  reason: z.string().trim().min(15).max(255),
});
export type FiscalDocumentCancel = z.infer<typeof FiscalDocumentCancelSchema>;

/** `GET /cash-flow?weeks=8`: how many weeks ahead, from the current one. */
export const CashFlowQuerySchema = z.object({
  weeks: z.coerce.number().int().min(1).max(52).default(8),
});
export type CashFlowQuery = z.input<typeof CashFlowQuerySchema>;
