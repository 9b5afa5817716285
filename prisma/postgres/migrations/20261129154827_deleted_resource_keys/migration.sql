-- CreateTable
CREATE TABLE "DeletedResourceKey" (
    "connectionId" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "fhirId" TEXT NOT NULL,
    "deletedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeletedResourceKey_pkey" PRIMARY KEY ("connectionId","resourceType","fhirId")
);

-- CreateIndex
CREATE INDEX "DeletedResourceKey_deletedAt_idx" ON "DeletedResourceKey"("deletedAt");

-- AddForeignKey
ALTER TABLE "DeletedResourceKey" ADD CONSTRAINT "DeletedResourceKey_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

