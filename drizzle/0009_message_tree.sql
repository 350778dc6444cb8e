CREATE TABLE "message_feedback" (
	"message_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"rating" integer NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_feedback_message_id_user_id_pk" PRIMARY KEY("message_id","user_id"),
	CONSTRAINT "message_feedback_rating_check" CHECK ("message_feedback"."rating" IN (-1, 1))
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "parent_id" uuid;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "active_message_id" uuid;--> statement-breakpoint
ALTER TABLE "message_feedback" ADD CONSTRAINT "message_feedback_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_feedback" ADD CONSTRAINT "message_feedback_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_message_feedback_updated" ON "message_feedback" USING btree ("updated_at" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_parent_id_messages_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_active_message_id_messages_id_fk" FOREIGN KEY ("active_message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_messages_parent" ON "messages" USING btree ("parent_id");--> statement-breakpoint
-- Hand-written: conversations from before branching become one branch, each message following the one before.
UPDATE "messages" AS m SET "parent_id" = p."prev" FROM (
	SELECT "id", lag("id") OVER (PARTITION BY "session_id" ORDER BY "created_at", "id") AS "prev" FROM "messages"
) AS p WHERE p."id" = m."id" AND p."prev" IS NOT NULL;--> statement-breakpoint
UPDATE "sessions" AS s SET "active_message_id" = (
	SELECT m."id" FROM "messages" m WHERE m."session_id" = s."id" ORDER BY m."created_at" DESC, m."id" DESC LIMIT 1
);
