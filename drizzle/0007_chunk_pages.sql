ALTER TABLE "chunks" ADD COLUMN "page_start" integer;--> statement-breakpoint
ALTER TABLE "chunks" ADD COLUMN "page_end" integer;--> statement-breakpoint
ALTER TABLE "chunks" ADD COLUMN "char_start" integer;--> statement-breakpoint
ALTER TABLE "chunks" ADD COLUMN "char_end" integer;