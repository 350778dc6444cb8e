ALTER TABLE "chunks" ADD COLUMN "excluded" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "chunks" ADD COLUMN "edited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "page_count" integer;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "vaults" ADD COLUMN "chunk_size" integer;--> statement-breakpoint
ALTER TABLE "vaults" ADD COLUMN "chunk_overlap" integer;--> statement-breakpoint
CREATE INDEX "idx_documents_tags" ON "documents" USING gin ("tags");--> statement-breakpoint
-- Hand-written: documents read before page_count existed get it from their chunks' pages.
UPDATE "documents" d SET "page_count" = p.pages FROM (SELECT "document_id", max("page_end") AS pages FROM "chunks" GROUP BY "document_id") p WHERE p."document_id" = d."id" AND p.pages IS NOT NULL;
