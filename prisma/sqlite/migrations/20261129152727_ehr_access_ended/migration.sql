-- AlterTable
ALTER TABLE "Connection" ADD COLUMN "ehrAccessEndedAt" DATETIME;

