// The setup project: signs the admin in once through the sign-in page and saves the browser's state,
// which the specs' `adminTest` pages start from (instead of signing in in every test).
import { expect, test as setup } from "@playwright/test";
import { ADMIN, adminStatePath, signIn } from "./helpers";

setup("sign in as the admin and save the session", async ({ page }) => {
  await signIn(page);
  expect((await (await page.request.get("/api/v1/user/self")).json()).user.email).toBe(ADMIN.email);
  await page.context().storageState({ path: adminStatePath() });
});
