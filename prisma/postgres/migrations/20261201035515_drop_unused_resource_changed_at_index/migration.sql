-- DropIndex
DROP INDEX "FhirResource_changedAt_idx";

