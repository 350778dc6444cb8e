CREATE TABLE "metric_samples" (
	"instance_id" text NOT NULL,
	"slot_at" timestamp with time zone NOT NULL,
	"sample" jsonb NOT NULL,
	CONSTRAINT "metric_samples_slot_at_instance_id_pk" PRIMARY KEY("slot_at","instance_id")
);
