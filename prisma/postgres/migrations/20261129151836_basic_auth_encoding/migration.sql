-- AlterTable
ALTER TABLE "HealthSystem" ADD COLUMN     "basicAuthEncoding" TEXT;

