-- Receivables at a million invoices (bench/billing.ts): the aging sums read total and paid of every
-- open invoice; with them in the index that is an index-only scan (~800 pages) instead of a heap page
-- per open invoice (~16,000). `status` rides along for the list's status=OPEN count.
DROP INDEX IF EXISTS "invoices_org_open_due_idx";--> statement-breakpoint
CREATE INDEX "invoices_org_open_due_idx" ON "invoices" USING btree ("organization_id","due_date") INCLUDE ("status","total_cents","paid_cents") WHERE "invoices"."status" IN ('OPEN', 'PARTIALLY_PAID');
