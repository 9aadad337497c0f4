-- Issue 13 §6b: request counters shared by every server instance (@fastify/rate-limit's store), so that
-- a sign-in limit holds behind a load balancer. One row per route, client key and fixed window; a hit
-- is one upsert. UNLOGGED: counters live a minute or so, losing them in a crash only reopens a window,
-- and no WAL is written for each hit. Installation-wide (keyed by client address, before any sign-in),
-- so there is no organization_id.
CREATE UNLOGGED TABLE "rate_limit_hits" (
	"route" text NOT NULL,
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer DEFAULT 1 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rate_limit_hits_pk" PRIMARY KEY ("route","key","window_start")
);
--> statement-breakpoint
-- the sweep of ended windows
CREATE INDEX "rate_limit_hits_expires_idx" ON "rate_limit_hits" USING btree ("expires_at");
