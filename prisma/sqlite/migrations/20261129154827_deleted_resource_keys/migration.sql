-- CreateTable
CREATE TABLE "DeletedResourceKey" (
    "connectionId" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "fhirId" TEXT NOT NULL,
    "deletedAt" DATETIME NOT NULL,

    PRIMARY KEY ("connectionId", "resourceType", "fhirId"),
    CONSTRAINT "DeletedResourceKey_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DeletedResourceKey_deletedAt_idx" ON "DeletedResourceKey"("deletedAt");

