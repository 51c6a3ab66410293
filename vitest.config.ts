import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Says once, in one line, when the tests that read ../shared are skipped (a plain clone);
    // builds dist/ once when it is stale (the tests that run the compiled build need it).
    globalSetup: ["test/setup/sharedNotice.ts", "test/setup/compiledBuild.ts"],
    // A JSON report lets .ci/run print the plain "N passed, N failed" line CI reads.
    reporters: process.env["VITEST_JSON_REPORT"]
      ? ["default", ["json", { outputFile: process.env["VITEST_JSON_REPORT"] }]]
      : ["default"],
    testTimeout: 60_000,
    pool: "forks",
  },
});
