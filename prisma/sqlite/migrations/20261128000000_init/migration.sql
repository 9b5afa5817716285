-- CreateTable
CREATE TABLE "HealthSystem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "fhirBaseUrl" TEXT NOT NULL,
    "fhirVersion" TEXT,
    "issuer" TEXT,
    "authorizationEndpoint" TEXT NOT NULL,
    "tokenEndpoint" TEXT NOT NULL,
    "registrationEndpoint" TEXT,
    "revocationEndpoint" TEXT,
    "introspectionEndpoint" TEXT,
    "manageEndpoint" TEXT,
    "capabilities" TEXT NOT NULL DEFAULT '',
    "scope" TEXT NOT NULL,
    "registrationStrategy" TEXT NOT NULL DEFAULT 'shared',
    "clientId" TEXT,
    "clientSecretEnc" TEXT,
    "tokenEndpointAuthMethod" TEXT NOT NULL DEFAULT 'client_secret_basic',
    "approvalDays" INTEGER NOT NULL DEFAULT 365,
    "status" TEXT NOT NULL DEFAULT 'ready',
    "statusMessage" TEXT,
    "discoveredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Participant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consentVersion" TEXT,
    "consentedAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'active',
    "withdrawnAt" DATETIME,
    "withdrawalReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Connection" (
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
    "connectedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastRefreshAt" DATETIME,
    "lastSyncAt" DATETIME,
    "lastError" TEXT,
    "lastErrorAt" DATETIME,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Connection_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Connection_healthSystemId_fkey" FOREIGN KEY ("healthSystemId") REFERENCES "HealthSystem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PatientSnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "connectionId" TEXT NOT NULL,
    "resourceJson" TEXT NOT NULL,
    "fhirVersion" TEXT,
    "displayName" TEXT NOT NULL,
    "searchText" TEXT NOT NULL,
    "gender" TEXT,
    "birthDate" TEXT,
    "city" TEXT,
    "state" TEXT,
    "fetchedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PatientSnapshot_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EnrollmentAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "healthSystemId" TEXT NOT NULL,
    "consentVersion" TEXT NOT NULL,
    "consentedAt" DATETIME NOT NULL,
    "participantId" TEXT,
    "clientId" TEXT,
    "clientSecretEnc" TEXT,
    "clientAuthMethod" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "completedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EnrollmentAttempt_healthSystemId_fkey" FOREIGN KEY ("healthSystemId") REFERENCES "HealthSystem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClientKey" (
    "kid" TEXT NOT NULL PRIMARY KEY,
    "alg" TEXT NOT NULL,
    "publicJwk" TEXT NOT NULL,
    "privateJwkEnc" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" DATETIME,
    "lastSignInAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorEmail" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "participantId" TEXT,
    "detail" TEXT
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workerId" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'running'
);

-- CreateIndex
CREATE UNIQUE INDEX "HealthSystem_fhirBaseUrl_key" ON "HealthSystem"("fhirBaseUrl");

-- CreateIndex
CREATE INDEX "Participant_status_idx" ON "Participant"("status");

-- CreateIndex
CREATE INDEX "Participant_createdAt_idx" ON "Participant"("createdAt");

-- CreateIndex
CREATE INDEX "Connection_participantId_idx" ON "Connection"("participantId");

-- CreateIndex
CREATE INDEX "Connection_status_idx" ON "Connection"("status");

-- CreateIndex
CREATE INDEX "Connection_healthSystemId_status_idx" ON "Connection"("healthSystemId", "status");

-- CreateIndex
CREATE INDEX "Connection_connectedAt_idx" ON "Connection"("connectedAt");

-- CreateIndex
CREATE INDEX "Connection_leaseUntil_idx" ON "Connection"("leaseUntil");

-- CreateIndex
CREATE UNIQUE INDEX "Connection_healthSystemId_patientId_key" ON "Connection"("healthSystemId", "patientId");

-- CreateIndex
CREATE UNIQUE INDEX "PatientSnapshot_connectionId_key" ON "PatientSnapshot"("connectionId");

-- CreateIndex
CREATE INDEX "PatientSnapshot_displayName_idx" ON "PatientSnapshot"("displayName");

-- CreateIndex
CREATE INDEX "PatientSnapshot_searchText_idx" ON "PatientSnapshot"("searchText");

-- CreateIndex
CREATE INDEX "EnrollmentAttempt_expiresAt_idx" ON "EnrollmentAttempt"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_email_key" ON "StaffUser"("email");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_participantId_idx" ON "AuditEvent"("participantId");

-- CreateIndex
CREATE INDEX "SyncRun_startedAt_idx" ON "SyncRun"("startedAt");

