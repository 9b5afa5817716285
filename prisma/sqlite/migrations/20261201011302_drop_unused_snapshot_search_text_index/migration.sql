-- DropIndex
DROP INDEX "PatientSnapshot_searchText_idx";

