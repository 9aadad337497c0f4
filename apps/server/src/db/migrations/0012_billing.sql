CREATE TABLE "cash_movements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"register_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"direction" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"payment_id" uuid,
	"refund_id" uuid,
	"note" text,
	"actor_id" uuid,
	"actor_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cash_movements_amount_ck" CHECK ("cash_movements"."amount_cents" > 0),
	CONSTRAINT "cash_movements_direction_ck" CHECK ("cash_movements"."direction" IN ('IN', 'OUT'))
);
--> statement-breakpoint
CREATE TABLE "cash_registers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"branch_id" uuid NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"opening_float_cents" bigint NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opened_by_id" uuid,
	"opened_by_name" text,
	"closed_at" timestamp with time zone,
	"closed_by_id" uuid,
	"closed_by_name" text,
	"counted_cents" bigint,
	"expected_cents" bigint,
	"closing_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "cash_registers_amounts_ck" CHECK ("cash_registers"."opening_float_cents" >= 0 AND coalesce("cash_registers"."counted_cents", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "fiscal_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"number" text,
	"series" text,
	"access_key" text,
	"pdf_url" text,
	"xml_url" text,
	"provider_reference" text,
	"provider_message" text,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoice_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"quantity" numeric(12, 3) NOT NULL,
	"unit_value_cents" bigint NOT NULL,
	"total_cents" bigint NOT NULL,
	"component_id" text,
	CONSTRAINT "invoice_lines_amounts_ck" CHECK ("invoice_lines"."unit_value_cents" >= 0 AND "invoice_lines"."total_cents" >= 0 AND "invoice_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"branch_id" uuid,
	"number" integer,
	"kind" text NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"repair_id" uuid,
	"repair_number" integer,
	"customer_id" uuid NOT NULL,
	"customer_name" text NOT NULL,
	"subtotal_cents" bigint NOT NULL,
	"discount_cents" bigint DEFAULT 0 NOT NULL,
	"total_cents" bigint NOT NULL,
	"paid_cents" bigint DEFAULT 0 NOT NULL,
	"due_date" date NOT NULL,
	"payment_terms" text,
	"notes" text,
	"pix_txid" text NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"cancelled_by_id" uuid,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "invoices_amounts_ck" CHECK ("invoices"."subtotal_cents" >= 0 AND "invoices"."discount_cents" >= 0
      AND "invoices"."total_cents" >= 0 AND "invoices"."paid_cents" >= 0 AND "invoices"."paid_cents" <= "invoices"."total_cents"),
	CONSTRAINT "invoices_status_ck" CHECK ("invoices"."status" IN ('OPEN', 'PARTIALLY_PAID', 'PAID', 'CANCELLED')),
	CONSTRAINT "invoices_kind_ck" CHECK ("invoices"."kind" IN ('ORDER', 'COUNTER', 'DEPOSIT'))
);
--> statement-breakpoint
CREATE TABLE "payables" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"supplier_id" uuid,
	"supplier_name" text,
	"purchase_order_id" uuid,
	"purchase_order_number" integer,
	"description" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"paid_at" timestamp with time zone,
	"method" text,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "payables_amount_ck" CHECK ("payables"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"invoice_id" uuid,
	"repair_id" uuid,
	"customer_id" uuid NOT NULL,
	"method" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"refunded_cents" bigint DEFAULT 0 NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	"installments" integer DEFAULT 1 NOT NULL,
	"reference" text,
	"note" text,
	"tendered_cents" bigint,
	"change_cents" bigint,
	"deposit" boolean DEFAULT false NOT NULL,
	"pix_end_to_end_id" text,
	"flagged" boolean DEFAULT false NOT NULL,
	"flag_reason" text,
	"cash_register_id" uuid,
	"created_by_id" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_amounts_ck" CHECK ("payments"."amount_cents" > 0 AND "payments"."refunded_cents" >= 0 AND "payments"."refunded_cents" <= "payments"."amount_cents"),
	CONSTRAINT "payments_installments_ck" CHECK ("payments"."installments" BETWEEN 1 AND 12)
);
--> statement-breakpoint
CREATE TABLE "pix_charges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"txid" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"location" text NOT NULL,
	"payload" text NOT NULL,
	"status" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"invoice_id" uuid,
	"amount_cents" bigint NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"provider_refund_id" text,
	"provider_message" text,
	"cash_register_id" uuid,
	"created_by_id" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refunds_amount_ck" CHECK ("refunds"."amount_cents" > 0)
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "pix_key" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "pix_key_type" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "invoice_due_days" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "payment_terms" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "delivery_balance_policy" text DEFAULT 'WARN' NOT NULL;--> statement-breakpoint
ALTER TABLE "cash_movements" ADD CONSTRAINT "cash_movements_register_id_cash_registers_id_fk" FOREIGN KEY ("register_id") REFERENCES "public"."cash_registers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_movements" ADD CONSTRAINT "cash_movements_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_movements" ADD CONSTRAINT "cash_movements_refund_id_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "public"."refunds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_movements" ADD CONSTRAINT "cash_movements_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_registers" ADD CONSTRAINT "cash_registers_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_registers" ADD CONSTRAINT "cash_registers_opened_by_id_users_id_fk" FOREIGN KEY ("opened_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_registers" ADD CONSTRAINT "cash_registers_closed_by_id_users_id_fk" FOREIGN KEY ("closed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fiscal_documents" ADD CONSTRAINT "fiscal_documents_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fiscal_documents" ADD CONSTRAINT "fiscal_documents_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_cancelled_by_id_users_id_fk" FOREIGN KEY ("cancelled_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payables" ADD CONSTRAINT "payables_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pix_charges" ADD CONSTRAINT "pix_charges_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cash_movements_register_idx" ON "cash_movements" USING btree ("register_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "cash_registers_open_uq" ON "cash_registers" USING btree ("organization_id","branch_id") WHERE "cash_registers"."status" = 'OPEN';--> statement-breakpoint
CREATE INDEX "cash_registers_org_opened_idx" ON "cash_registers" USING btree ("organization_id","opened_at");--> statement-breakpoint
CREATE INDEX "fiscal_documents_invoice_idx" ON "fiscal_documents" USING btree ("invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fiscal_documents_provider_ref_uq" ON "fiscal_documents" USING btree ("organization_id","provider_reference") WHERE "fiscal_documents"."provider_reference" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "invoice_lines_invoice_idx" ON "invoice_lines" USING btree ("invoice_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_org_number_uq" ON "invoices" USING btree ("organization_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_pix_txid_uq" ON "invoices" USING btree ("pix_txid");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_org_repair_live_uq" ON "invoices" USING btree ("organization_id","repair_id") WHERE "invoices"."repair_id" IS NOT NULL AND "invoices"."kind" = 'ORDER' AND "invoices"."status" <> 'CANCELLED';--> statement-breakpoint
CREATE INDEX "invoices_org_created_idx" ON "invoices" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "invoices_org_customer_idx" ON "invoices" USING btree ("organization_id","customer_id","created_at");--> statement-breakpoint
CREATE INDEX "invoices_org_open_due_idx" ON "invoices" USING btree ("organization_id","due_date") WHERE "invoices"."status" IN ('OPEN', 'PARTIALLY_PAID');--> statement-breakpoint
CREATE INDEX "payables_org_due_idx" ON "payables" USING btree ("organization_id","status","due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "payables_org_po_uq" ON "payables" USING btree ("organization_id","purchase_order_id") WHERE "payables"."purchase_order_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "payments_invoice_idx" ON "payments" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "payments_org_paid_idx" ON "payments" USING btree ("organization_id","paid_at");--> statement-breakpoint
CREATE INDEX "payments_org_customer_idx" ON "payments" USING btree ("organization_id","customer_id","paid_at");--> statement-breakpoint
CREATE INDEX "payments_org_repair_idx" ON "payments" USING btree ("organization_id","repair_id") WHERE "payments"."repair_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "payments_pix_e2e_uq" ON "payments" USING btree ("organization_id","pix_end_to_end_id") WHERE "payments"."pix_end_to_end_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "pix_charges_txid_uq" ON "pix_charges" USING btree ("txid");--> statement-breakpoint
CREATE INDEX "pix_charges_invoice_idx" ON "pix_charges" USING btree ("invoice_id","created_at");--> statement-breakpoint
CREATE INDEX "refunds_payment_idx" ON "refunds" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "refunds_org_created_idx" ON "refunds" USING btree ("organization_id","created_at");