CREATE TABLE "audit_chain_heads" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"row_count" bigint NOT NULL,
	"last_id" bigint NOT NULL,
	"last_hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_chain_heads" ADD CONSTRAINT "audit_chain_heads_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Each organization's chain head, from the rows already written (decision 0006).
INSERT INTO "audit_chain_heads" ("organization_id", "row_count", "last_id", "last_hash")
SELECT l."organization_id", c."n", l."id", l."hash"
FROM (SELECT DISTINCT ON ("organization_id") "organization_id", "id", "hash" FROM "audit_log"
      ORDER BY "organization_id", "id" DESC) l
JOIN (SELECT "organization_id", count(*) AS "n" FROM "audit_log" GROUP BY "organization_id") c
  USING ("organization_id");
--> statement-breakpoint
-- A head only moves forward: no DELETE, no TRUNCATE, no UPDATE that shortens the chain.
CREATE OR REPLACE FUNCTION audit_chain_heads_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.organization_id = OLD.organization_id
     AND NEW.row_count >= OLD.row_count AND NEW.last_id >= OLD.last_id THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_chain_heads only move forward (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_chain_heads_forward BEFORE UPDATE OR DELETE ON audit_chain_heads
  FOR EACH ROW EXECUTE FUNCTION audit_chain_heads_forward_only();
--> statement-breakpoint
CREATE TRIGGER audit_chain_heads_no_truncate BEFORE TRUNCATE ON audit_chain_heads
  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_heads_forward_only();
--> statement-breakpoint
-- Appends rows to their organizations' chains in ONE statement (decision 0006), the last one before
-- COMMIT: the head row's lock, the only thing one organization's writers queue on, is taken here and
-- held for this statement and the COMMIT only. `p_rows` is a JSON array of rows in the order they
-- were recorded, each with its `contentHash` (SHA-256 of the row's canonical JSON, computed by the
-- application); a row's hash is sha256(prev_hash || content_hash) in hex, reproduced here exactly.
-- Organizations are taken in id order, so two transactions writing to the same two chains cannot
-- deadlock.
CREATE OR REPLACE FUNCTION audit_append(p_rows jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_org uuid;
  v_hash text;
  v_count bigint;
  v_id bigint;
  r jsonb;
BEGIN
  FOR v_org IN
    SELECT DISTINCT (e->>'organizationId')::uuid FROM jsonb_array_elements(p_rows) e ORDER BY 1
  LOOP
    SELECT h.last_hash, h.row_count INTO v_hash, v_count
      FROM audit_chain_heads h WHERE h.organization_id = v_org FOR UPDATE;
    IF NOT FOUND THEN
      -- the organization's first row: a concurrent first writer waits here on the key, then finds its head
      INSERT INTO audit_chain_heads (organization_id, row_count, last_id, last_hash)
        VALUES (v_org, 0, 0, repeat('0', 64)) ON CONFLICT (organization_id) DO NOTHING;
      SELECT h.last_hash, h.row_count INTO v_hash, v_count
        FROM audit_chain_heads h WHERE h.organization_id = v_org FOR UPDATE;
    END IF;
    FOR r IN
      SELECT x.e FROM jsonb_array_elements(p_rows) WITH ORDINALITY AS x(e, n)
      WHERE (x.e->>'organizationId')::uuid = v_org ORDER BY x.n
    LOOP
      INSERT INTO audit_log (organization_id, occurred_at, actor_id, actor_name, action, entity, entity_id,
          before, after, ip, user_agent, prev_hash, hash)
        VALUES (v_org, (r->>'occurredAt')::timestamptz, (r->>'actorId')::uuid, r->>'actorName', r->>'action',
          r->>'entity', r->>'entityId', NULLIF(r->'before', 'null'::jsonb), NULLIF(r->'after', 'null'::jsonb),
          r->>'ip', r->>'userAgent', v_hash,
          encode(sha256(convert_to(v_hash || (r->>'contentHash'), 'UTF8')), 'hex'))
        RETURNING id, hash INTO v_id, v_hash;
      v_count := v_count + 1;
    END LOOP;
    UPDATE audit_chain_heads SET row_count = v_count, last_id = v_id, last_hash = v_hash
      WHERE organization_id = v_org;
  END LOOP;
END;
$$;
