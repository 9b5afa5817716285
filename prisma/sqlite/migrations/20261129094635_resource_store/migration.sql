-- AlterTable
ALTER TABLE "Connection" ADD COLUMN "recordSyncedAt" DATETIME;

-- CreateTable
CREATE TABLE "FhirResource" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "connectionId" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "fhirId" TEXT NOT NULL,
    "versionId" TEXT,
    "lastUpdated" TEXT,
    "contentHash" TEXT NOT NULL,
    "resourceJson" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'record',
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "changedAt" DATETIME NOT NULL,
    "removedAt" DATETIME,
    CONSTRAINT "FhirResource_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "FhirResource_connectionId_resourceType_removedAt_idx" ON "FhirResource"("connectionId", "resourceType", "removedAt");

-- CreateIndex
CREATE INDEX "FhirResource_changedAt_idx" ON "FhirResource"("changedAt");

-- CreateIndex
CREATE UNIQUE INDEX "FhirResource_connectionId_resourceType_fhirId_key" ON "FhirResource"("connectionId", "resourceType", "fhirId");

