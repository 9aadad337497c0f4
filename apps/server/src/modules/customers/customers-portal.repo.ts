import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { customers } from '../../db/schema/customers.js';

/** The lookups a portal registration needs: live customers by the keyed hash of e-mail or document. */
export function createCustomersPortalRepo() {
  async function idsWhere(db: Database, organizationId: string, column: 'email' | 'document', hash: string) {
    const rows = await db
      .select({ id: customers.id })
      .from(customers)
      .where(
        and(
          eq(customers.organizationId, organizationId),
          eq(column === 'email' ? customers.emailHash : customers.documentHash, hash),
          isNull(customers.deletedAt),
          isNull(customers.anonymisedAt),
        ),
      )
      .orderBy(asc(customers.createdAt), asc(customers.id))
      .limit(10);
    return rows.map((r) => r.id);
  }
  return {
    idsByEmailHash: (db: Database, organizationId: string, hash: string) =>
      idsWhere(db, organizationId, 'email', hash),
    idsByDocumentHash: (db: Database, organizationId: string, hash: string) =>
      idsWhere(db, organizationId, 'document', hash),
  };
}
