-- Prompt search moves to its own table, prompt_search, with the trigram index. The import's
-- bottleneck is its own backend, and extracting each new prompt's trigrams into the index was ~40 %
-- of that backend's work. A separate table can be written by the import's second connection, on the
-- other core (lib/import/search-rows.ts). prompts.search_text stays the source (list excerpts read
-- it): the triggers below copy it for every other writer. The import runs with
-- session_replication_role = replica, where these triggers do not fire, and writes the rows itself.
-- Search joins prompts, so a row whose prompt is not committed (yet, or ever) is never found. There is
-- no foreign key to prompts: the import commits its search rows just before its prompts, and if the
-- prompts then fail to commit it deletes the rows again. Only a crash in between leaves some behind,
-- unseen and harmless (prompt ids are never reused), where a foreign key would be left violated.
CREATE TABLE "prompt_search" (
    "prompt_id" INTEGER NOT NULL,
    "dataset_id" INTEGER NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "prompt_search_pkey" PRIMARY KEY ("prompt_id")
);

CREATE FUNCTION "prompts_search_insert"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO prompt_search (prompt_id, dataset_id, text) SELECT id, dataset_id, search_text FROM new_prompts\073
  RETURN NULL\073
END
';

CREATE TRIGGER "prompts_search_insert" AFTER INSERT ON "prompts"
REFERENCING NEW TABLE AS new_prompts FOR EACH STATEMENT EXECUTE FUNCTION "prompts_search_insert"();

CREATE FUNCTION "prompts_search_update"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  UPDATE prompt_search SET text = NEW.search_text, dataset_id = NEW.dataset_id WHERE prompt_id = NEW.id\073
  RETURN NULL\073
END
';

CREATE TRIGGER "prompts_search_update" AFTER UPDATE OF search_text, dataset_id ON "prompts"
FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text OR OLD.dataset_id IS DISTINCT FROM NEW.dataset_id)
EXECUTE FUNCTION "prompts_search_update"();

CREATE FUNCTION "prompts_search_delete"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  DELETE FROM prompt_search s USING old_prompts o WHERE s.prompt_id = o.id\073
  RETURN NULL\073
END
';

-- Also fires for the prompts a dataset's deletion cascades to (one statement per dataset).
CREATE TRIGGER "prompts_search_delete" AFTER DELETE ON "prompts"
REFERENCING OLD TABLE AS old_prompts FOR EACH STATEMENT EXECUTE FUNCTION "prompts_search_delete"();

-- The triggers come first: the statements of this file run one by one, and a prompt written meanwhile
-- is copied by them (the backfill then skips it). The index is built once, after the backfill.
INSERT INTO "prompt_search" ("prompt_id", "dataset_id", "text") SELECT "id", "dataset_id", "search_text" FROM "prompts"
ON CONFLICT ("prompt_id") DO NOTHING;

CREATE INDEX "prompt_search_text_trgm_idx" ON "prompt_search" USING GIN ("text" gin_trgm_ops);

DROP INDEX "prompts_search_text_trgm_idx";
