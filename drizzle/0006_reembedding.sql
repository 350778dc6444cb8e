CREATE TABLE "chunk_embeddings" (
	"chunk_id" uuid NOT NULL,
	"model" text NOT NULL,
	"embedding" vector NOT NULL,
	CONSTRAINT "chunk_embeddings_model_chunk_id_pk" PRIMARY KEY("model","chunk_id")
);
--> statement-breakpoint
CREATE TABLE "embedding_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"active_model" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reembed_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"model" text NOT NULL,
	"from_model" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"error" text,
	"requested_by" text NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "reembed_jobs_status_check" CHECK ("reembed_jobs"."status" IN ('running', 'done', 'failed', 'cancelled'))
);
--> statement-breakpoint
ALTER TABLE "chunk_embeddings" ADD CONSTRAINT "chunk_embeddings_chunk_id_chunks_id_fk" FOREIGN KEY ("chunk_id") REFERENCES "public"."chunks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "idx_reembed_jobs_one_running" ON "reembed_jobs" USING btree ("status") WHERE "reembed_jobs"."status" = 'running';--> statement-breakpoint
CREATE INDEX "idx_reembed_jobs_created" ON "reembed_jobs" USING btree ("created_at" DESC NULLS LAST);