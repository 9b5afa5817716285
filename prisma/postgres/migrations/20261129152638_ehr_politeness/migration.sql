-- AlterTable
ALTER TABLE "HealthSystem" ADD COLUMN     "maxRequestsInFlight" INTEGER,
ADD COLUMN     "requestsPerMinute" INTEGER;

-- CreateTable
CREATE TABLE "EhrBudget" (
    "healthSystemId" TEXT NOT NULL,
    "nextRequestAt" TIMESTAMP(3),
    "pausedUntil" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "EhrBudget_pkey" PRIMARY KEY ("healthSystemId")
);

-- CreateTable
CREATE TABLE "EhrLease" (
    "healthSystemId" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "slots" INTEGER NOT NULL,
    "wanted" INTEGER NOT NULL,
    "leaseUntil" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EhrLease_pkey" PRIMARY KEY ("healthSystemId","owner")
);

