-- AlterTable
ALTER TABLE "HealthSystem" ADD COLUMN "maxRequestsInFlight" INTEGER;
ALTER TABLE "HealthSystem" ADD COLUMN "requestsPerMinute" INTEGER;

-- CreateTable
CREATE TABLE "EhrBudget" (
    "healthSystemId" TEXT NOT NULL PRIMARY KEY,
    "nextRequestAt" DATETIME,
    "pausedUntil" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "EhrLease" (
    "healthSystemId" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "slots" INTEGER NOT NULL,
    "wanted" INTEGER NOT NULL,
    "leaseUntil" DATETIME NOT NULL,

    PRIMARY KEY ("healthSystemId", "owner")
);

