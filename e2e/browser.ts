import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";

/** Shared by the console and portal browser tests: Debian's Chromium, screenshots, axe-core. */
const root = fileURLToPath(new URL("..", import.meta.url));
export const SCREENSHOTS = join(root, "test-results", "screenshots");

/** Debian's Chromium, headless; never a downloaded browser (CHROMIUM_PATH overrides the path). */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Saves a full-page screenshot into test-results/screenshots/ (gitignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** axe-core on the page: the serious and critical violations, as short readable lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // A dialog zooming in or out, a toast fading: axe reads text mid-animation as low contrast. Wait
  // for finite animations to end (spinners loop forever and are left alone); axe runs regardless.
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity),
      undefined,
      { timeout: 10_000 },
    )
    .catch(() => undefined);
  // Toasts (.ant-message) are left out: each fades out on its own timer, and one that starts fading
  // while axe reads it measures as low contrast (standing still it is dark text on white).
  const result = await new AxeBuilder({ page })
    .exclude(".ant-message")
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    );
}

/**
 * Waits until an element and its children have no running animation (an Ant Design dialog zooming
 * in): on a loaded machine a click during the zoom can be lost, and the dialog never submits.
 */
export async function settled(locator: Locator): Promise<void> {
  await locator.waitFor();
  await locator
    .page()
    .waitForFunction(
      (el) => (el as Element).getAnimations({ subtree: true }).every((a) => a.playState !== "running"),
      await locator.elementHandle(),
      { timeout: 10_000 },
    );
}
