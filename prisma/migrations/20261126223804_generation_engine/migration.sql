-- CreateEnum
CREATE TYPE "RunPromptStatus" AS ENUM ('pending', 'done', 'failed');

-- AlterTable
ALTER TABLE "generation_runs" ADD COLUMN     "job_key" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "generation_run_prompts" (
    "run_id" INTEGER NOT NULL,
    "prompt_id" INTEGER NOT NULL,
    "status" "RunPromptStatus" NOT NULL DEFAULT 'pending',
    "error_kind" TEXT,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "generation_run_prompts_pkey" PRIMARY KEY ("run_id","prompt_id")
);

-- CreateTable
CREATE TABLE "generation_run_errors" (
    "run_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "retries" INTEGER NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "last_message" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "generation_run_errors_pkey" PRIMARY KEY ("run_id","kind")
);

-- CreateTable
CREATE TABLE "generation_batches" (
    "id" SERIAL NOT NULL,
    "run_id" INTEGER NOT NULL,
    "local_key" TEXT NOT NULL,
    "batch_id" TEXT,
    "input_file_id" TEXT,
    "output_file_id" TEXT,
    "error_file_id" TEXT,
    "status" TEXT NOT NULL DEFAULT 'submitting',
    "request_count" INTEGER NOT NULL DEFAULT 0,
    "completed_count" INTEGER NOT NULL DEFAULT 0,
    "failed_count" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "ingested_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "generation_batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "generation_workers" (
    "id" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "concurrency" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "generation_workers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "generation_job_claims" (
    "job_id" UUID NOT NULL,
    "queue" TEXT NOT NULL,
    "worker_id" TEXT NOT NULL,
    "claimed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "generation_job_claims_pkey" PRIMARY KEY ("job_id")
);

-- CreateTable
CREATE TABLE "endpoint_leases" (
    "endpoint_id" INTEGER NOT NULL,
    "slot" INTEGER NOT NULL,
    "worker_id" TEXT,
    "expires_at" TIMESTAMPTZ(3),

    CONSTRAINT "endpoint_leases_pkey" PRIMARY KEY ("endpoint_id","slot")
);

-- CreateTable
CREATE TABLE "endpoint_rate_states" (
    "endpoint_id" INTEGER NOT NULL,
    "request_tat" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "token_tat" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "paused_until" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "endpoint_rate_states_pkey" PRIMARY KEY ("endpoint_id")
);

-- CreateIndex
CREATE INDEX "generation_run_prompts_run_id_status_idx" ON "generation_run_prompts"("run_id", "status");

-- CreateIndex
CREATE INDEX "generation_run_prompts_prompt_id_idx" ON "generation_run_prompts"("prompt_id");

-- CreateIndex
CREATE UNIQUE INDEX "generation_batches_local_key_key" ON "generation_batches"("local_key");

-- CreateIndex
CREATE UNIQUE INDEX "generation_batches_batch_id_key" ON "generation_batches"("batch_id");

-- CreateIndex
CREATE INDEX "generation_batches_run_id_idx" ON "generation_batches"("run_id");

-- CreateIndex
CREATE INDEX "generation_job_claims_worker_id_idx" ON "generation_job_claims"("worker_id");

-- CreateIndex
CREATE INDEX "endpoint_leases_worker_id_idx" ON "endpoint_leases"("worker_id");

-- AddForeignKey
ALTER TABLE "generation_run_prompts" ADD CONSTRAINT "generation_run_prompts_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "generation_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generation_run_prompts" ADD CONSTRAINT "generation_run_prompts_prompt_id_fkey" FOREIGN KEY ("prompt_id") REFERENCES "prompts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generation_run_errors" ADD CONSTRAINT "generation_run_errors_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "generation_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generation_batches" ADD CONSTRAINT "generation_batches_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "generation_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "endpoint_leases" ADD CONSTRAINT "endpoint_leases_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "endpoint_rate_states" ADD CONSTRAINT "endpoint_rate_states_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;
