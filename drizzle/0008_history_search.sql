DROP INDEX "idx_sessions_user_active";--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "search_text" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', content)) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "search_text" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, ''))) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "idx_documents_title" ON "documents" USING btree (lower("title"),"id");--> statement-breakpoint
CREATE INDEX "idx_documents_size" ON "documents" USING btree ("size_bytes" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "idx_messages_search" ON "messages" USING gin ("search_text");--> statement-breakpoint
CREATE INDEX "idx_sessions_user_active" ON "sessions" USING btree ("user_id","last_active_at" DESC NULLS LAST,"id" DESC NULLS LAST);