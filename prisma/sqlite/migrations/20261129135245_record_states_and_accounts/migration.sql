-- CreateTable
CREATE TABLE "RecordTypeState" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "connectionId" TEXT NOT NULL,
    "searchKey" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "cursor" TEXT,
    "lastCompleteAt" DATETIME,
    "lastFullAt" DATETIME,
    "lastError" TEXT,
    "lastErrorAt" DATETIME,
    "refusedCount" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RecordTypeState_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EmailMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "participantId" TEXT,
    "kind" TEXT NOT NULL,
    "contentEnc" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "dedupeKey" TEXT,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EmailMessage_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SignInLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "participantId" TEXT,
    "purpose" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Participant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "studyId" TEXT,
    "consentVersion" TEXT,
    "consentedAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'active',
    "withdrawnAt" DATETIME,
    "withdrawalReason" TEXT,
    "email" TEXT,
    "emailVerifiedAt" DATETIME,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "remindersOffAt" DATETIME,
    "consentCapacity" TEXT,
    "representing" TEXT,
    "consentLocale" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Participant" ("consentVersion", "consentedAt", "createdAt", "id", "status", "studyId", "updatedAt", "withdrawalReason", "withdrawnAt") SELECT "consentVersion", "consentedAt", "createdAt", "id", "status", "studyId", "updatedAt", "withdrawalReason", "withdrawnAt" FROM "Participant";
DROP TABLE "Participant";
ALTER TABLE "new_Participant" RENAME TO "Participant";
CREATE UNIQUE INDEX "Participant_studyId_key" ON "Participant"("studyId");
CREATE UNIQUE INDEX "Participant_email_key" ON "Participant"("email");
CREATE INDEX "Participant_status_idx" ON "Participant"("status");
CREATE INDEX "Participant_createdAt_idx" ON "Participant"("createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "RecordTypeState_connectionId_searchKey_key" ON "RecordTypeState"("connectionId", "searchKey");

-- CreateIndex
CREATE UNIQUE INDEX "EmailMessage_dedupeKey_key" ON "EmailMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "EmailMessage_status_nextAttemptAt_idx" ON "EmailMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "EmailMessage_participantId_createdAt_idx" ON "EmailMessage"("participantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SignInLink_tokenHash_key" ON "SignInLink"("tokenHash");

-- CreateIndex
CREATE INDEX "SignInLink_email_createdAt_idx" ON "SignInLink"("email", "createdAt");

-- CreateIndex
CREATE INDEX "SignInLink_expiresAt_idx" ON "SignInLink"("expiresAt");

