-- AlterTable
ALTER TABLE "Participant" ADD COLUMN     "studyId" TEXT;

-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "approvalFromEhr" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "PatientSnapshot" ADD COLUMN     "deceased" TEXT;

-- AlterTable
ALTER TABLE "EnrollmentAttempt" ADD COLUMN     "day" TEXT,
ADD COLUMN     "endedAt" TIMESTAMP(3),
ADD COLUMN     "failureReason" TEXT,
ADD COLUMN     "outcome" TEXT;

-- CreateTable
CREATE TABLE "SearchToken" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "SearchToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SearchToken_token_connectionId_idx" ON "SearchToken"("token", "connectionId");

-- CreateIndex
CREATE INDEX "SearchToken_connectionId_source_idx" ON "SearchToken"("connectionId", "source");

-- CreateIndex
CREATE UNIQUE INDEX "Participant_studyId_key" ON "Participant"("studyId");

-- CreateIndex
CREATE INDEX "Connection_status_approvalFromEhr_approvalExpiresAt_idx" ON "Connection"("status", "approvalFromEhr", "approvalExpiresAt");

-- CreateIndex
CREATE INDEX "Connection_status_recordSyncedAt_connectedAt_idx" ON "Connection"("status", "recordSyncedAt", "connectedAt");

-- CreateIndex
CREATE INDEX "EnrollmentAttempt_day_idx" ON "EnrollmentAttempt"("day");

-- CreateIndex
CREATE INDEX "AuditEvent_actorEmail_at_idx" ON "AuditEvent"("actorEmail", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");

-- AddForeignKey
ALTER TABLE "SearchToken" ADD CONSTRAINT "SearchToken_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

