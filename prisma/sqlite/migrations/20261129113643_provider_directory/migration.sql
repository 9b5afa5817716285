-- CreateTable
CREATE TABLE "DirectorySource" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "clientId" TEXT,
    "clientSecretEnc" TEXT,
    "clientAuthMethod" TEXT,
    "registrationStrategy" TEXT NOT NULL DEFAULT 'shared',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DirectoryImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sourceId" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "message" TEXT,
    "bytesRead" INTEGER NOT NULL DEFAULT 0,
    "bytesTotal" INTEGER,
    "entries" INTEGER NOT NULL DEFAULT 0,
    "summaryJson" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "DirectoryImport_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "DirectorySource" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DirectoryEndpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sourceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "fhirBaseUrl" TEXT NOT NULL,
    "name" TEXT,
    "fhirVersion" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "contentHash" TEXT NOT NULL,
    "lastSeenImportId" TEXT NOT NULL,
    "healthSystemId" TEXT,
    "activationError" TEXT,
    "activationErrorAt" DATETIME,
    "activationFailures" INTEGER NOT NULL DEFAULT 0,
    "activationLeaseUntil" DATETIME
);

-- CreateTable
CREATE TABLE "DirectoryBrand" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sourceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "mergeKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT NOT NULL DEFAULT '',
    "parentKey" TEXT,
    "parentName" TEXT,
    "city" TEXT,
    "state" TEXT,
    "postalCode" TEXT,
    "places" TEXT NOT NULL DEFAULT '',
    "website" TEXT,
    "portalName" TEXT,
    "logoUrl" TEXT,
    "logoId" TEXT,
    "endpointRefs" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "contentHash" TEXT NOT NULL,
    "lastSeenImportId" TEXT NOT NULL,
    "indexedHash" TEXT,
    "searchTerms" TEXT NOT NULL DEFAULT ''
);

-- CreateTable
CREATE TABLE "DirectoryBrandEndpoint" (
    "brandId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "portalName" TEXT,
    "inherited" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("brandId", "endpointId")
);

-- CreateTable
CREATE TABLE "DirectoryTerm" (
    "term" TEXT NOT NULL,
    "brandId" TEXT NOT NULL,
    "field" TEXT NOT NULL,

    PRIMARY KEY ("term", "brandId", "field")
);

-- CreateTable
CREATE TABLE "DirectoryWord" (
    "word" TEXT NOT NULL PRIMARY KEY,
    "df" INTEGER NOT NULL,
    "length" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "DirectoryWordGram" (
    "gram" TEXT NOT NULL,
    "word" TEXT NOT NULL,

    PRIMARY KEY ("gram", "word")
);

-- CreateTable
CREATE TABLE "DirectoryLogo" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "contentType" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "DirectoryLogoFetch" (
    "urlHash" TEXT NOT NULL PRIMARY KEY,
    "logoId" TEXT,
    "error" TEXT,
    "fetchedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "DirectoryRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "city" TEXT,
    "normalized" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "DirectorySearchMiss" (
    "query" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL DEFAULT 1,
    "lastAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "DirectorySource_name_key" ON "DirectorySource"("name");

-- CreateIndex
CREATE INDEX "DirectoryImport_sourceId_startedAt_idx" ON "DirectoryImport"("sourceId", "startedAt");

-- CreateIndex
CREATE INDEX "DirectoryEndpoint_fhirBaseUrl_idx" ON "DirectoryEndpoint"("fhirBaseUrl");

-- CreateIndex
CREATE INDEX "DirectoryEndpoint_activationErrorAt_idx" ON "DirectoryEndpoint"("activationErrorAt");

-- CreateIndex
CREATE INDEX "DirectoryEndpoint_healthSystemId_idx" ON "DirectoryEndpoint"("healthSystemId");

-- CreateIndex
CREATE UNIQUE INDEX "DirectoryEndpoint_sourceId_key_key" ON "DirectoryEndpoint"("sourceId", "key");

-- CreateIndex
CREATE INDEX "DirectoryBrand_mergeKey_idx" ON "DirectoryBrand"("mergeKey");

-- CreateIndex
CREATE INDEX "DirectoryBrand_sourceId_parentKey_idx" ON "DirectoryBrand"("sourceId", "parentKey");

-- CreateIndex
CREATE UNIQUE INDEX "DirectoryBrand_sourceId_key_key" ON "DirectoryBrand"("sourceId", "key");

-- CreateIndex
CREATE INDEX "DirectoryBrandEndpoint_endpointId_idx" ON "DirectoryBrandEndpoint"("endpointId");

-- CreateIndex
CREATE INDEX "DirectoryTerm_brandId_idx" ON "DirectoryTerm"("brandId");

-- CreateIndex
CREATE INDEX "DirectoryWordGram_word_idx" ON "DirectoryWordGram"("word");

-- CreateIndex
CREATE INDEX "DirectoryRequest_normalized_idx" ON "DirectoryRequest"("normalized");

-- CreateIndex
CREATE INDEX "DirectorySearchMiss_count_idx" ON "DirectorySearchMiss"("count");

