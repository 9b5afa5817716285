-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "ehrAccessEndedAt" TIMESTAMP(3);

