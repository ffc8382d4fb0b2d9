import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // npm run test:relaxed: the workers must validate relaxed SIMD (Node 20 has it behind a flag)
    execArgv: process.env.QACT_ENGINE === "relaxed" ? ["--experimental-wasm-relaxed-simd"] : [],
  },
});
