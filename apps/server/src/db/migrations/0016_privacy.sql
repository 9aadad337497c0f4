-- Issue 13 §6: LGPD tooling. Retention settings and their runs, the incident register (kept 5 years:
-- a trigger refuses deletion before keep_until), the versioned privacy policy, the customer's
-- anonymisation mark, and the policy version a consent was given under (set by a trigger from the
-- newest policy of the organization, so the customers module needs no call upwards).
CREATE TABLE "privacy_settings" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"anonymise_inactive_after_years" integer,
	"purge_photos_after_years" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "privacy_settings_years_ck" CHECK (coalesce("privacy_settings"."anonymise_inactive_after_years", 1) BETWEEN 1 AND 30 AND coalesce("privacy_settings"."purge_photos_after_years", 1) BETWEEN 1 AND 30)
);
--> statement-breakpoint
CREATE TABLE "privacy_retention_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"customers_anonymised" integer DEFAULT 0 NOT NULL,
	"customers_skipped" integer DEFAULT 0 NOT NULL,
	"photos_purged" integer DEFAULT 0 NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "privacy_incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"occurred_at" timestamp with time zone,
	"discovered_at" timestamp with time zone NOT NULL,
	"data_categories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"people_affected" integer,
	"people_notified_at" timestamp with time zone,
	"anpd_notified_at" timestamp with time zone,
	"measures" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"anpd_deadline" date NOT NULL,
	"keep_until" date NOT NULL,
	"created_by_id" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "privacy_incidents_status_ck" CHECK ("privacy_incidents"."status" IN ('open', 'contained', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "privacy_policy_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"body" text NOT NULL,
	"author_id" uuid,
	"author_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "anonymised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "customer_consents" ADD COLUMN "policy_version" integer;--> statement-breakpoint
ALTER TABLE "privacy_settings" ADD CONSTRAINT "privacy_settings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_retention_runs" ADD CONSTRAINT "privacy_retention_runs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_incidents" ADD CONSTRAINT "privacy_incidents_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_policy_versions" ADD CONSTRAINT "privacy_policy_versions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "privacy_retention_runs_org_idx" ON "privacy_retention_runs" USING btree ("organization_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "privacy_incidents_org_number_uq" ON "privacy_incidents" USING btree ("organization_id","number");--> statement-breakpoint
CREATE INDEX "privacy_incidents_org_discovered_idx" ON "privacy_incidents" USING btree ("organization_id","discovered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "privacy_policy_versions_org_version_uq" ON "privacy_policy_versions" USING btree ("organization_id","version");--> statement-breakpoint
CREATE FUNCTION privacy_incidents_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.keep_until > current_date THEN
    RAISE EXCEPTION 'privacy_incidents: incident % is kept until % (Res. CD/ANPD 15/2024)', OLD.id, OLD.keep_until
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN OLD;
END;
$$;--> statement-breakpoint
CREATE TRIGGER privacy_incidents_keep BEFORE DELETE ON "privacy_incidents"
  FOR EACH ROW EXECUTE FUNCTION privacy_incidents_keep();--> statement-breakpoint
CREATE FUNCTION privacy_policy_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'privacy_policy_versions: a published version is never changed or removed';
END;
$$;--> statement-breakpoint
CREATE TRIGGER privacy_policy_versions_immutable BEFORE UPDATE OR DELETE ON "privacy_policy_versions"
  FOR EACH ROW EXECUTE FUNCTION privacy_policy_versions_immutable();--> statement-breakpoint
CREATE FUNCTION customer_consents_policy_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.policy_version IS NULL THEN
    SELECT max(version) INTO NEW.policy_version
      FROM privacy_policy_versions WHERE organization_id = NEW.organization_id;
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER customer_consents_policy_version BEFORE INSERT ON "customer_consents"
  FOR EACH ROW EXECUTE FUNCTION customer_consents_policy_version();
