CREATE INDEX "repairs_org_status_updated_idx" ON "repairs" USING btree ("organization_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "repairs_org_open_idx" ON "repairs" USING btree ("organization_id","technician_id","deadline") WHERE "repairs"."status" NOT IN ('FINALIZADO','ENTREGUE','CANCELADO');--> statement-breakpoint
CREATE INDEX "repairs_org_warranty_idx" ON "repairs" USING btree ("organization_id","warranty_until") WHERE "repairs"."warranty_until" IS NOT NULL;--> statement-breakpoint
-- the list's text search reads the reported problem through trigrams, without accents or case
CREATE INDEX "repairs_description_trgm_idx" ON "repairs" USING gin (lower(f_unaccent("service_description")) gin_trgm_ops);
