import { expect, test } from "@playwright/test";

test("a Chinese reader sees the sign-up form's validation messages in Chinese", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "NEXT_LOCALE", value: "zh", url: baseURL ?? "http://localhost" }]);
  // A bare address: the proxy sends a reader who chose Chinese before to the Chinese page.
  await page.goto("/sign-up");
  await expect(page).toHaveURL(/\/zh\/sign-up$/);
  await page.getByRole("textbox").nth(1).fill("not-an-email");
  await page.locator('input[type="password"]').fill("short");
  await page.locator('button[type="submit"]').click();
  const alerts = page.getByRole("alert");
  await expect(alerts.filter({ hasText: "请输入你的姓名。" })).toBeVisible();
  await expect(alerts.filter({ hasText: "请输入有效的电子邮件地址。" })).toBeVisible();
  await expect(alerts.filter({ hasText: "密码至少需要 10 个字符。" })).toBeVisible();
  await expect(page.getByText(/Enter your name|valid email|Password must/)).toHaveCount(0);
});
