-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "recordSyncedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "FhirResource" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "fhirId" TEXT NOT NULL,
    "versionId" TEXT,
    "lastUpdated" TEXT,
    "contentHash" TEXT NOT NULL,
    "resourceJson" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'record',
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL,
    "removedAt" TIMESTAMP(3),

    CONSTRAINT "FhirResource_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FhirResource_connectionId_resourceType_removedAt_idx" ON "FhirResource"("connectionId", "resourceType", "removedAt");

-- CreateIndex
CREATE INDEX "FhirResource_changedAt_idx" ON "FhirResource"("changedAt");

-- CreateIndex
CREATE UNIQUE INDEX "FhirResource_connectionId_resourceType_fhirId_key" ON "FhirResource"("connectionId", "resourceType", "fhirId");

-- AddForeignKey
ALTER TABLE "FhirResource" ADD CONSTRAINT "FhirResource_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

