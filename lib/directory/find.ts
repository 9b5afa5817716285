import "server-only";
import { searchDirectory, type DirectoryResult } from "../data/directory-search";
import { listStudyHealthSystems } from "../data/directory-participants";
import { nameMatches } from "./search-plan";

/**
 * What the choose page shows: without a search, the health systems the study's staff added;
 * with one, those whose names match and the directory's brands. `brandId` (a suggestion the
 * participant picked) narrows the directory's results to that brand when it is among them.
 */
export async function findHealthSystems(search: string, brandId = ""): Promise<{ study: { id: string; name: string }[]; directory: DirectoryResult[] }> {
  const study = await listStudyHealthSystems();
  if (!search) return { study, directory: [] };
  const directory = await searchDirectory(search, { limit: 10 });
  const picked = brandId ? directory.filter((r) => r.brandId === brandId) : [];
  return { study: study.filter((hs) => nameMatches(hs.name, search)), directory: picked.length ? picked : directory };
}
