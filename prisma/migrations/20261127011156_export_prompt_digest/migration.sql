-- AlterTable
ALTER TABLE "exports" ADD COLUMN     "prompt_digest" BYTEA;
