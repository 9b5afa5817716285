import type { Page } from "@playwright/test";

/** My study's card for one health system (a participant may have several). */
export const card = (page: Page, healthSystem: string) => page.getByRole("article", { name: healthSystem });
