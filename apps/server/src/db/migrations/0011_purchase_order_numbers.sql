-- purchase-order numbers come from number_counters too (decision 0005): they go on from each
-- organization's highest purchase order
INSERT INTO "number_counters" ("organization_id", "kind", "value")
SELECT "organization_id", 'purchase_order', max("number") FROM "purchase_orders" GROUP BY "organization_id"
ON CONFLICT ("organization_id", "kind") DO UPDATE SET "value" = GREATEST("number_counters"."value", EXCLUDED."value");
