-- pg_trgm backs the trigram index that makes prompt search fast at 100k+ prompts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'curator', 'viewer');

-- CreateEnum
CREATE TYPE "RunKind" AS ENUM ('generate', 'import');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('queued', 'running', 'cancelled', 'completed', 'failed');

-- CreateEnum
CREATE TYPE "AutoVerdict" AS ENUM ('pending', 'accepted', 'rejected');

-- CreateEnum
CREATE TYPE "FinalStatus" AS ENUM ('pending', 'accepted', 'rejected', 'approved');

-- CreateEnum
CREATE TYPE "DecisionVerdict" AS ENUM ('approved', 'rejected');

-- CreateEnum
CREATE TYPE "EvaluatorRole" AS ENUM ('gate', 'score');

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "email_verified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "role" "Role" NOT NULL DEFAULT 'viewer',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "datasets" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "policy" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "datasets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "prompts" (
    "id" SERIAL NOT NULL,
    "dataset_id" INTEGER NOT NULL,
    "external_id" TEXT NOT NULL,
    "messages" JSONB NOT NULL,
    "search_text" TEXT NOT NULL,
    "reference" JSONB,
    "metadata" JSONB,
    "accepted_count" INTEGER NOT NULL DEFAULT 0,
    "top_score" DOUBLE PRECISION,
    "margin" DOUBLE PRECISION,
    "flags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "reviewed_at" TIMESTAMP(3),
    "claimed_by_id" TEXT,
    "claim_expires_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "prompts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "endpoints" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "base_url" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "api_key_env" TEXT,
    "default_params" JSONB NOT NULL DEFAULT '{}',
    "price_in_per_m" DOUBLE PRECISION,
    "price_out_per_m" DOUBLE PRECISION,
    "max_concurrency" INTEGER NOT NULL DEFAULT 8,
    "rpm" INTEGER,
    "tpm" INTEGER,
    "supports_n" BOOLEAN,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "generation_runs" (
    "id" SERIAL NOT NULL,
    "dataset_id" INTEGER NOT NULL,
    "endpoint_id" INTEGER,
    "kind" "RunKind" NOT NULL DEFAULT 'generate',
    "model" TEXT,
    "params" JSONB NOT NULL DEFAULT '{}',
    "status" "RunStatus" NOT NULL DEFAULT 'queued',
    "total_prompts" INTEGER NOT NULL DEFAULT 0,
    "done_prompts" INTEGER NOT NULL DEFAULT 0,
    "failed_prompts" INTEGER NOT NULL DEFAULT 0,
    "candidate_count" INTEGER NOT NULL DEFAULT 0,
    "prompt_tokens" BIGINT NOT NULL DEFAULT 0,
    "completion_tokens" BIGINT NOT NULL DEFAULT 0,
    "cost_usd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "error" TEXT,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "generation_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "candidates" (
    "id" SERIAL NOT NULL,
    "dataset_id" INTEGER NOT NULL,
    "prompt_id" INTEGER NOT NULL,
    "run_id" INTEGER NOT NULL,
    "sample_index" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "model" TEXT,
    "finish_reason" TEXT,
    "prompt_tokens" INTEGER,
    "completion_tokens" INTEGER,
    "latency_ms" INTEGER,
    "cost_usd" DOUBLE PRECISION,
    "content_hash" TEXT NOT NULL,
    "aggregate" DOUBLE PRECISION,
    "auto_verdict" "AutoVerdict" NOT NULL DEFAULT 'pending',
    "verdict_reason" TEXT,
    "rank" INTEGER,
    "duplicate_of_id" INTEGER,
    "final_status" "FinalStatus" NOT NULL DEFAULT 'pending',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "candidates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evaluators" (
    "id" SERIAL NOT NULL,
    "dataset_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "role" "EvaluatorRole" NOT NULL DEFAULT 'score',
    "weight" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "config" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "evaluators_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scores" (
    "id" SERIAL NOT NULL,
    "candidate_id" INTEGER NOT NULL,
    "evaluator_id" INTEGER NOT NULL,
    "value" DOUBLE PRECISION,
    "passed" BOOLEAN,
    "rationale" TEXT,
    "raw" JSONB,
    "error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scores_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "decisions" (
    "id" SERIAL NOT NULL,
    "candidate_id" INTEGER NOT NULL,
    "verdict" "DecisionVerdict" NOT NULL,
    "reviewer_id" TEXT,
    "note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_logs" (
    "id" BIGSERIAL NOT NULL,
    "dataset_id" INTEGER,
    "prompt_id" INTEGER,
    "candidate_id" INTEGER,
    "actor_id" TEXT,
    "action" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exports" (
    "id" SERIAL NOT NULL,
    "dataset_id" INTEGER NOT NULL,
    "format" TEXT NOT NULL,
    "filters" JSONB NOT NULL DEFAULT '{}',
    "row_count" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "manifest" JSONB NOT NULL,
    "path" TEXT,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "exports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "app_settings_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "datasets_name_key" ON "datasets"("name");

-- CreateIndex
CREATE INDEX "prompts_dataset_id_id_idx" ON "prompts"("dataset_id", "id");

-- CreateIndex
CREATE INDEX "prompts_search_text_trgm_idx" ON "prompts" USING GIN ("search_text" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "prompts_dataset_id_external_id_key" ON "prompts"("dataset_id", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "endpoints_name_key" ON "endpoints"("name");

-- CreateIndex
CREATE INDEX "generation_runs_dataset_id_created_at_idx" ON "generation_runs"("dataset_id", "created_at");

-- CreateIndex
CREATE INDEX "candidates_prompt_id_rank_idx" ON "candidates"("prompt_id", "rank");

-- CreateIndex
CREATE INDEX "candidates_dataset_id_final_status_idx" ON "candidates"("dataset_id", "final_status");

-- CreateIndex
CREATE INDEX "candidates_dataset_id_id_idx" ON "candidates"("dataset_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "candidates_run_id_prompt_id_sample_index_key" ON "candidates"("run_id", "prompt_id", "sample_index");

-- CreateIndex
CREATE UNIQUE INDEX "evaluators_dataset_id_name_key" ON "evaluators"("dataset_id", "name");

-- CreateIndex
CREATE INDEX "scores_evaluator_id_passed_idx" ON "scores"("evaluator_id", "passed");

-- CreateIndex
CREATE UNIQUE INDEX "scores_candidate_id_evaluator_id_key" ON "scores"("candidate_id", "evaluator_id");

-- CreateIndex
CREATE UNIQUE INDEX "decisions_candidate_id_key" ON "decisions"("candidate_id");

-- CreateIndex
CREATE INDEX "decisions_reviewer_id_idx" ON "decisions"("reviewer_id");

-- CreateIndex
CREATE INDEX "audit_logs_dataset_id_created_at_idx" ON "audit_logs"("dataset_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_logs_prompt_id_created_at_idx" ON "audit_logs"("prompt_id", "created_at");

-- CreateIndex
CREATE INDEX "exports_dataset_id_created_at_idx" ON "exports"("dataset_id", "created_at");

-- AddForeignKey
ALTER TABLE "prompts" ADD CONSTRAINT "prompts_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generation_runs" ADD CONSTRAINT "generation_runs_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generation_runs" ADD CONSTRAINT "generation_runs_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "endpoints"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generation_runs" ADD CONSTRAINT "generation_runs_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_prompt_id_fkey" FOREIGN KEY ("prompt_id") REFERENCES "prompts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "generation_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluators" ADD CONSTRAINT "evaluators_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scores" ADD CONSTRAINT "scores_candidate_id_fkey" FOREIGN KEY ("candidate_id") REFERENCES "candidates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scores" ADD CONSTRAINT "scores_evaluator_id_fkey" FOREIGN KEY ("evaluator_id") REFERENCES "evaluators"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_candidate_id_fkey" FOREIGN KEY ("candidate_id") REFERENCES "candidates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exports" ADD CONSTRAINT "exports_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exports" ADD CONSTRAINT "exports_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
