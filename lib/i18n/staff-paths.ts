/** The staff side's pages (English only); everything else a person opens is a participant page. */
export const isStaffPath = (path: string) => /^\/(dashboard|staff)(\/|$)/.test(path);
