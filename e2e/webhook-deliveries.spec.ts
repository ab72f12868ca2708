// The admin page's Webhooks section: an endpoint's deliveries as the outbox sent them (sent, failed with the
// receiver's status), and "Retry" sending one again with the same webhook-id.
import { expect } from "@playwright/test";
import { ADMIN, adminTest, basicAuth } from "./helpers";
import { startReceiver, type Receiver } from "../tests/helpers/webhook-receiver";

const asAdmin = { Authorization: basicAuth(ADMIN.email, ADMIN.password) };

adminTest("an admin sees an endpoint's deliveries and retries a failed one", async ({ page, request }) => {
  const receiver: Receiver = await startReceiver();
  try {
    const description = `e2e receiver ${Date.now().toString(36)}`;
    const hook = await request.post("/api/v1/webhooks", { headers: asAdmin, data: { url: receiver.url, events: ["incident.created"], description } });
    expect(hook.status(), await hook.text()).toBe(201);
    const { id } = await hook.json();
    const incident = await request.post("/api/v1/incidents", { headers: asAdmin, data: { name: "Webhook e2e incident" } });
    expect(incident.status()).toBe(201);
    await receiver.waitFor(1);

    await page.goto("/admin#webhooks");
    const section = page.getByRole("region", { name: "Webhooks" });
    await section.getByLabel("Endpoint").selectOption({ label: `${description} — ${receiver.url}` });
    const row = section.getByTestId("delivery").first();
    await expect(row).toContainText("incident.created");
    await expect(row).toContainText("Sent");
    await expect(row).toContainText("204");
    await expect(row).toContainText(receiver.receipts[0].headers["webhook-id"]);

    // The receiver now refuses: Retry makes one more attempt, which fails and is shown with its status.
    receiver.respondWith(500);
    await row.getByRole("button", { name: /^Retry incident\.created/ }).click();
    await receiver.waitFor(2);
    expect(receiver.receipts[1].headers["webhook-id"]).toBe(receiver.receipts[0].headers["webhook-id"]);
    await expect(async () => {
      await page.reload();
      await section.getByLabel("Endpoint").selectOption({ label: `${description} — ${receiver.url}` });
      await expect(section.getByTestId("delivery").first()).toContainText("Failed", { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await expect(section.getByTestId("delivery").first()).toContainText("500");
    await expect(section.getByTestId("delivery").first()).toContainText("HTTP 500");
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await section.scrollIntoViewIfNeeded();
        await page.screenshot({ path: `test-results/webhooks-${colorScheme}-${width}.png`, fullPage: false });
      }
    }
    await request.delete(`/api/v1/webhooks/${id}`, { headers: asAdmin });
  } finally {
    await receiver.close();
  }
});
