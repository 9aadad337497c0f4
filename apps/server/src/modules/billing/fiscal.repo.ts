import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { fiscalDocuments } from '../../db/schema/billing.js';

export type FiscalDocumentRow = typeof fiscalDocuments.$inferSelect;
export type FiscalDocumentInsert = typeof fiscalDocuments.$inferInsert;

/** Fiscal documents of invoices: typed in by hand or issued through the provider. */
export function createFiscalRepo() {
  return {
    async insert(db: Database, values: FiscalDocumentInsert): Promise<FiscalDocumentRow> {
      const [row] = await db.insert(fiscalDocuments).values(values).returning();
      return row!;
    },
    async find(
      db: Database,
      organizationId: string,
      id: string,
      options: { lock?: boolean } = {},
    ): Promise<FiscalDocumentRow | undefined> {
      const query = db
        .select()
        .from(fiscalDocuments)
        .where(and(eq(fiscalDocuments.organizationId, organizationId), eq(fiscalDocuments.id, id)));
      const [row] = options.lock ? await query.for('update') : await query;
      return row;
    },
    /** The invoice's NFS-e issued through the provider that is still processing or authorized. */
    async liveProviderNfse(
      db: Database,
      organizationId: string,
      invoiceId: string,
    ): Promise<FiscalDocumentRow | undefined> {
      const [row] = await db
        .select()
        .from(fiscalDocuments)
        .where(
          and(
            eq(fiscalDocuments.organizationId, organizationId),
            eq(fiscalDocuments.invoiceId, invoiceId),
            eq(fiscalDocuments.type, 'NFSE'),
            eq(fiscalDocuments.source, 'PROVIDER'),
            inArray(fiscalDocuments.status, ['PROCESSING', 'AUTHORIZED']),
          ),
        )
        .limit(1);
      return row;
    },
    async update(
      db: Database,
      id: string,
      values: Partial<Omit<FiscalDocumentInsert, 'id' | 'organizationId' | 'invoiceId'>>,
    ): Promise<FiscalDocumentRow> {
      const [row] = await db
        .update(fiscalDocuments)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(fiscalDocuments.id, id))
        .returning();
      return row!;
    },
  };
}
export type FiscalRepo = ReturnType<typeof createFiscalRepo>;
