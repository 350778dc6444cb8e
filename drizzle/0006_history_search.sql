DROP INDEX "idx_sessions_user_active";--> statement-breakpoint
CREATE INDEX "idx_messages_search" ON "messages" USING gin (to_tsvector('english', "content"));--> statement-breakpoint
CREATE INDEX "idx_sessions_title_search" ON "sessions" USING gin (to_tsvector('english', coalesce("title", '')));--> statement-breakpoint
CREATE INDEX "idx_sessions_user_active" ON "sessions" USING btree ("user_id","last_active_at" DESC NULLS LAST,"id" DESC NULLS LAST);