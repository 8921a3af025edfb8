import { createPublicKey, verify } from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";

/**
 * An audit trail outsiders can check: a published city's page shows the signed checkpoints of its
 * audit chains, and the JSON it links to verifies here with nothing but node:crypto and the
 * published public key, as an outsider would check it. Fits 390 px and 1366 px.
 */

/** `DOCS_SCREENSHOTS=1` also writes the panel to the leadership guide's images (docs/guides/images). */
const SCREENSHOTS = process.env.DOCS_SCREENSHOTS === "1";
const CITY = "barcelona";

type Published = {
  citySlug: string;
  publicKeys: { keyId: string; algorithm: string; publicKeyPem: string }[];
  checkpoints: { id: number; keyId: string; statement: string; signature: string }[];
};

test("a published city page shows signed checkpoints whose signatures verify with the published key", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`/en/cities/${CITY}`);
  const panel = page.getByTestId("audit-checkpoints-panel");
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("heading", { name: "An audit trail you can check" })).toBeVisible();
  const rows = panel.getByTestId("audit-checkpoint-row");
  expect(await rows.count()).toBeGreaterThan(0);
  await expectNoSeriousA11yViolations(page);
  if (SCREENSHOTS) await panel.screenshot({ path: "docs/guides/images/audit-checkpoints.png" });

  // The JSON the panel links to, fetched and checked as an outsider would.
  const href = await panel.getByTestId("audit-checkpoints-json").getAttribute("href");
  expect(href).toBe(`/api/v1/cities/${CITY}/audit-checkpoints`);
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  const published = (await response.json()) as Published;
  expect(published.citySlug).toBe(CITY);
  expect(published.checkpoints.length).toBeGreaterThan(0);
  const keys = new Map(published.publicKeys.map((k) => [k.keyId, createPublicKey(k.publicKeyPem)]));
  for (const checkpoint of published.checkpoints) {
    const key = keys.get(checkpoint.keyId)!;
    expect(key.asymmetricKeyType).toBe("ed25519");
    expect(verify(null, Buffer.from(checkpoint.statement, "utf8"), key, Buffer.from(checkpoint.signature, "base64"))).toBe(true);
    const statement = JSON.parse(checkpoint.statement) as { citySlug: string; chains: { chainKey: string; headHash: string }[] };
    expect(statement.citySlug).toBe(CITY);
    expect(statement.chains.length).toBeGreaterThan(0);
    // A changed statement does not verify.
    const forged = checkpoint.statement.replace(statement.chains[0].headHash, "0".repeat(64));
    expect(verify(null, Buffer.from(forged, "utf8"), key, Buffer.from(checkpoint.signature, "base64"))).toBe(false);
  }
  // The key the page shows is the one that signed.
  await panel.getByText("Public key (Ed25519)").click();
  await expect(panel.getByTestId("audit-public-key").first()).toContainText("BEGIN PUBLIC KEY");
  expect((await panel.getByTestId("audit-public-key").first().textContent())?.trim()).toBe(published.publicKeys[0].publicKeyPem.trim());

  // 390 px: the page does not scroll sideways (the table scrolls inside its own box).
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(panel).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
