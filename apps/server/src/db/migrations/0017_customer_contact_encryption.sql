-- Issue 13 §3 and §7 (decision 0011): customers' e-mail, phones and addresses encrypted at rest like
-- the document, found by keyed hashes; city and state stay in clear for the list's city filter.
-- SQL cannot encrypt with the installation's key, so rows that hold contact data keep it in legacy_*
-- columns until the customers module converts them at start-up (customers.legacy-contacts.ts), which
-- then drops those columns. A database with no contact data (a fresh one) drops them here.
DROP TRIGGER IF EXISTS customers_search_text ON customers;--> statement-breakpoint
DROP INDEX IF EXISTS customers_org_email_idx;--> statement-breakpoint
DROP INDEX IF EXISTS customers_org_phone_idx;--> statement-breakpoint
ALTER TABLE "customers" RENAME COLUMN "email" TO "legacy_email";--> statement-breakpoint
ALTER TABLE "customers" RENAME COLUMN "phone" TO "legacy_phone";--> statement-breakpoint
ALTER TABLE "customers" RENAME COLUMN "phones" TO "legacy_phones";--> statement-breakpoint
ALTER TABLE "customers" RENAME COLUMN "addresses" TO "legacy_addresses";--> statement-breakpoint
ALTER TABLE "customers" ALTER COLUMN "legacy_phones" DROP DEFAULT, ALTER COLUMN "legacy_phones" DROP NOT NULL,
  ALTER COLUMN "legacy_addresses" DROP DEFAULT, ALTER COLUMN "legacy_addresses" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "email_ciphertext" text,
  ADD COLUMN "email_hash" text,
  ADD COLUMN "phone_ciphertext" text,
  ADD COLUMN "phones_ciphertext" text,
  ADD COLUMN "phone_hashes" text[] DEFAULT '{}'::text[] NOT NULL,
  ADD COLUMN "addresses_ciphertext" text,
  ADD COLUMN "address_places" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "customers_org_email_hash_idx" ON "customers" USING btree ("organization_id","email_hash");--> statement-breakpoint
-- a keyed hash names one number: the organization filter after the index lookup reads few rows
CREATE INDEX "customers_phone_hashes_idx" ON "customers" USING gin ("phone_hashes");--> statement-breakpoint

-- The search text holds the name and trade name only: e-mail and phones are matched by their hashes.
CREATE OR REPLACE FUNCTION customers_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_text := lower(f_unaccent(concat_ws(' ', NEW.name, NEW.trade_name)));
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER customers_search_text BEFORE INSERT OR UPDATE OF name, trade_name
  ON customers FOR EACH ROW EXECUTE FUNCTION customers_search_text();--> statement-breakpoint
UPDATE customers SET search_text = lower(f_unaccent(concat_ws(' ', name, trade_name)))
  WHERE search_text IS DISTINCT FROM lower(f_unaccent(concat_ws(' ', name, trade_name)));--> statement-breakpoint

-- Nothing to convert: no legacy columns at all, so the start-up step has nothing to do.
DO $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM customers
    WHERE legacy_email IS NOT NULL OR legacy_phone IS NOT NULL
       OR coalesce(legacy_phones, '[]'::jsonb) <> '[]'::jsonb
       OR coalesce(legacy_addresses, '[]'::jsonb) <> '[]'::jsonb
  ) THEN
    ALTER TABLE customers DROP COLUMN legacy_email, DROP COLUMN legacy_phone,
      DROP COLUMN legacy_phones, DROP COLUMN legacy_addresses;
  END IF;
END;
$$;
