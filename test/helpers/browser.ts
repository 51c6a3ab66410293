import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";

/** Debian's chromium (installed by .ci/run), or CHROMIUM_PATH. */
export const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
export const HAS_BROWSER = existsSync(CHROMIUM);

if (!HAS_BROWSER) {
  // Said loudly: these tests are skipped, not passed.
  process.stderr.write(`\nSKIPPED: browser tests need Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH); .ci/run installs it\n\n`);
}

/** Headless Chromium with no network of its own (no background services, no component updates). */
export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
