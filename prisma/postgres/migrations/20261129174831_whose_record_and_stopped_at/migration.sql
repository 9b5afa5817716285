-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "representing" TEXT,
ADD COLUMN     "stoppedAt" TIMESTAMP(3),
ADD COLUMN     "whoseRecordAnswer" TEXT,
ADD COLUMN     "whoseRecordAnsweredAt" TIMESTAMP(3),
ADD COLUMN     "whoseRecordQuestion" TEXT;

