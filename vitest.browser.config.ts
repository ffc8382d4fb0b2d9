// `npm run test:browser`: the HTML report in headless Chromium (needs Debian `chromium`; .ci/run
// installs it). Missing Chromium fails here (QACT_REQUIRE_BROWSER), while plain `npm test` skips it.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    env: { QACT_REQUIRE_BROWSER: "1" },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
