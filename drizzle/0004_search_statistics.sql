CREATE TABLE "search_corpus" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"chunks" bigint DEFAULT 0 NOT NULL,
	"tokens" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_terms" (
	"term" text PRIMARY KEY NOT NULL,
	"chunks" integer NOT NULL
);
--> statement-breakpoint
-- Hand-written from here: BM25's statistics follow every insert and delete of chunks (COPY and cascades included),
-- in the same transaction, through statement triggers that see the rows as a set.
INSERT INTO "search_corpus" ("id", "chunks", "tokens") SELECT 1, count(*), coalesce(sum("token_count"), 0) FROM "chunks";--> statement-breakpoint
INSERT INTO "search_terms" ("term", "chunks") SELECT lexeme, count(*) FROM "chunks", unnest("chunks"."search_text") GROUP BY lexeme;--> statement-breakpoint
-- The corpus row is updated first: a writer holds its lock until commit, so concurrent writers change term rows one
-- after the other instead of deadlocking on rows taken in different orders. A statement that wrote no chunk takes
-- no lock.
CREATE FUNCTION "search_statistics_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE search_corpus SET chunks = search_corpus.chunks + added.chunks, tokens = search_corpus.tokens + added.tokens
  FROM (SELECT count(*) AS chunks, coalesce(sum(token_count), 0) AS tokens FROM new_chunks) added
  WHERE search_corpus.id = 1 AND added.chunks > 0;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  INSERT INTO search_terms (term, chunks)
  SELECT lexeme, count(*) FROM new_chunks, unnest(new_chunks.search_text) GROUP BY lexeme
  ON CONFLICT (term) DO UPDATE SET chunks = search_terms.chunks + excluded.chunks;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE FUNCTION "search_statistics_remove"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  emptied text[];
BEGIN
  UPDATE search_corpus SET chunks = search_corpus.chunks - removed.chunks, tokens = search_corpus.tokens - removed.tokens
  FROM (SELECT count(*) AS chunks, coalesce(sum(token_count), 0) AS tokens FROM old_chunks) removed
  WHERE search_corpus.id = 1 AND removed.chunks > 0;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  WITH removed AS (SELECT lexeme, count(*) AS chunks FROM old_chunks, unnest(old_chunks.search_text) GROUP BY lexeme),
  updated AS (
    UPDATE search_terms SET chunks = search_terms.chunks - removed.chunks FROM removed
    WHERE search_terms.term = removed.lexeme
    RETURNING search_terms.term, search_terms.chunks
  )
  SELECT array_agg(term) INTO emptied FROM updated WHERE chunks <= 0;
  -- A word no chunk holds any more goes, so the table stays the size of the corpus's vocabulary.
  DELETE FROM search_terms WHERE term = ANY (emptied);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "chunks_search_statistics_insert" AFTER INSERT ON "chunks" REFERENCING NEW TABLE AS new_chunks
FOR EACH STATEMENT EXECUTE FUNCTION "search_statistics_add"();--> statement-breakpoint
CREATE TRIGGER "chunks_search_statistics_delete" AFTER DELETE ON "chunks" REFERENCING OLD TABLE AS old_chunks
FOR EACH STATEMENT EXECUTE FUNCTION "search_statistics_remove"();
