-- AlterTable
ALTER TABLE "Connection" ADD COLUMN "representing" TEXT;
ALTER TABLE "Connection" ADD COLUMN "stoppedAt" DATETIME;
ALTER TABLE "Connection" ADD COLUMN "whoseRecordAnswer" TEXT;
ALTER TABLE "Connection" ADD COLUMN "whoseRecordAnsweredAt" DATETIME;
ALTER TABLE "Connection" ADD COLUMN "whoseRecordQuestion" TEXT;

