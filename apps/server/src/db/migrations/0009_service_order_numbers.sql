CREATE TABLE "number_counters" (
	"organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" integer NOT NULL,
	CONSTRAINT "number_counters_pk" PRIMARY KEY("organization_id","kind")
);
--> statement-breakpoint
ALTER TABLE "number_counters" ADD CONSTRAINT "number_counters_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "repairs_org_asset_warranty_idx" ON "repairs" USING btree ("organization_id","asset_id","warranty_until") WHERE "repairs"."warranty_until" IS NOT NULL;--> statement-breakpoint
-- numbers go on from each organization's highest service order (decision 0005)
INSERT INTO "number_counters" ("organization_id", "kind", "value")
SELECT "organization_id", 'repair', max("number") FROM "repairs" GROUP BY "organization_id";
