-- AlterTable
ALTER TABLE "Participant" ADD COLUMN "studyId" TEXT;

-- AlterTable
ALTER TABLE "PatientSnapshot" ADD COLUMN "deceased" TEXT;

-- AlterTable
ALTER TABLE "EnrollmentAttempt" ADD COLUMN "day" TEXT;
ALTER TABLE "EnrollmentAttempt" ADD COLUMN "endedAt" DATETIME;
ALTER TABLE "EnrollmentAttempt" ADD COLUMN "failureReason" TEXT;
ALTER TABLE "EnrollmentAttempt" ADD COLUMN "outcome" TEXT;

-- CreateTable
CREATE TABLE "SearchToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "connectionId" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    CONSTRAINT "SearchToken_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Connection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "participantId" TEXT NOT NULL,
    "healthSystemId" TEXT NOT NULL,
    "patientId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'connected',
    "statusReason" TEXT,
    "clientId" TEXT,
    "clientSecretEnc" TEXT,
    "clientAuthMethod" TEXT,
    "accessTokenEnc" TEXT,
    "accessTokenExpiresAt" DATETIME,
    "refreshTokenEnc" TEXT,
    "tokenVersion" INTEGER NOT NULL DEFAULT 0,
    "grantedScope" TEXT,
    "approvalExpiresAt" DATETIME,
    "approvalFromEhr" BOOLEAN NOT NULL DEFAULT false,
    "connectedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastRefreshAt" DATETIME,
    "lastSyncAt" DATETIME,
    "lastError" TEXT,
    "lastErrorAt" DATETIME,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "recordSyncedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Connection_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Connection_healthSystemId_fkey" FOREIGN KEY ("healthSystemId") REFERENCES "HealthSystem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Connection" ("accessTokenEnc", "accessTokenExpiresAt", "approvalExpiresAt", "clientAuthMethod", "clientId", "clientSecretEnc", "connectedAt", "createdAt", "grantedScope", "healthSystemId", "id", "lastError", "lastErrorAt", "lastRefreshAt", "lastSyncAt", "leaseOwner", "leaseUntil", "participantId", "patientId", "recordSyncedAt", "refreshTokenEnc", "status", "statusReason", "tokenVersion", "updatedAt") SELECT "accessTokenEnc", "accessTokenExpiresAt", "approvalExpiresAt", "clientAuthMethod", "clientId", "clientSecretEnc", "connectedAt", "createdAt", "grantedScope", "healthSystemId", "id", "lastError", "lastErrorAt", "lastRefreshAt", "lastSyncAt", "leaseOwner", "leaseUntil", "participantId", "patientId", "recordSyncedAt", "refreshTokenEnc", "status", "statusReason", "tokenVersion", "updatedAt" FROM "Connection";
DROP TABLE "Connection";
ALTER TABLE "new_Connection" RENAME TO "Connection";
CREATE INDEX "Connection_participantId_idx" ON "Connection"("participantId");
CREATE INDEX "Connection_status_idx" ON "Connection"("status");
CREATE INDEX "Connection_healthSystemId_status_idx" ON "Connection"("healthSystemId", "status");
CREATE INDEX "Connection_connectedAt_idx" ON "Connection"("connectedAt");
CREATE INDEX "Connection_leaseUntil_idx" ON "Connection"("leaseUntil");
CREATE INDEX "Connection_status_approvalFromEhr_approvalExpiresAt_idx" ON "Connection"("status", "approvalFromEhr", "approvalExpiresAt");
CREATE INDEX "Connection_status_recordSyncedAt_connectedAt_idx" ON "Connection"("status", "recordSyncedAt", "connectedAt");
CREATE UNIQUE INDEX "Connection_healthSystemId_patientId_key" ON "Connection"("healthSystemId", "patientId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SearchToken_token_connectionId_idx" ON "SearchToken"("token", "connectionId");

-- CreateIndex
CREATE INDEX "SearchToken_connectionId_source_idx" ON "SearchToken"("connectionId", "source");

-- CreateIndex
CREATE UNIQUE INDEX "Participant_studyId_key" ON "Participant"("studyId");

-- CreateIndex
CREATE INDEX "EnrollmentAttempt_day_idx" ON "EnrollmentAttempt"("day");

-- CreateIndex
CREATE INDEX "AuditEvent_actorEmail_at_idx" ON "AuditEvent"("actorEmail", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");

