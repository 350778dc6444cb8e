CREATE TABLE "ingest_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"run_after" timestamp with time zone DEFAULT now() NOT NULL,
	"filename" text,
	"mime_type" text,
	"title" text,
	"content_hash" text NOT NULL,
	"content" "bytea" NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "ingest_jobs_status_check" CHECK ("ingest_jobs"."status" IN ('queued', 'running', 'done', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "vaults" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- Hand-written: the default vault that every existing and future document without a vault belongs to.
INSERT INTO "vaults" ("id", "name", "description") VALUES ('00000000-0000-4000-8000-000000000001', 'Default', 'Documents not filed in another vault') ON CONFLICT DO NOTHING;--> statement-breakpoint
DROP INDEX "idx_documents_content_hash";--> statement-breakpoint
DROP INDEX "idx_documents_source";--> statement-breakpoint
-- Hand-written default so existing chunks get the default vault; dropped right after, as in the schema.
ALTER TABLE "chunks" ADD COLUMN "vault_id" uuid DEFAULT '00000000-0000-4000-8000-000000000001' NOT NULL;--> statement-breakpoint
ALTER TABLE "chunks" ALTER COLUMN "vault_id" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "vault_id" uuid DEFAULT '00000000-0000-4000-8000-000000000001' NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "mime_type" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "size_bytes" integer;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "progress" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "chunk_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ingest_jobs" ADD CONSTRAINT "ingest_jobs_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_ingest_jobs_claim" ON "ingest_jobs" USING btree ("run_after") WHERE "ingest_jobs"."status" IN ('queued', 'running');--> statement-breakpoint
CREATE INDEX "idx_ingest_jobs_document" ON "ingest_jobs" USING btree ("document_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "idx_vaults_name" ON "vaults" USING btree (lower("name"));--> statement-breakpoint
ALTER TABLE "chunks" ADD CONSTRAINT "chunks_vault_id_vaults_id_fk" FOREIGN KEY ("vault_id") REFERENCES "public"."vaults"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_vault_id_vaults_id_fk" FOREIGN KEY ("vault_id") REFERENCES "public"."vaults"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_chunks_vault" ON "chunks" USING btree ("vault_id");--> statement-breakpoint
CREATE UNIQUE INDEX "idx_documents_vault_content_hash" ON "documents" USING btree ("vault_id","content_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "idx_documents_vault_source" ON "documents" USING btree ("vault_id","source") WHERE "documents"."source" IS NOT NULL;