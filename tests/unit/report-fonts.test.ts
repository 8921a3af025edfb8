import { describe, expect, it } from "vitest";
import { fontBytes, fontRunsOf } from "@/server/report/report-fonts";

describe("report fonts (Noto Sans SC by Unicode range)", () => {
  it("cuts mixed Chinese and Latin text into runs that join back to the text", () => {
    const text = "智慧城市战略 Smart city strategy (2023) — 深圳";
    const runs = fontRunsOf(text, 400);
    expect(runs.map((r) => r.text).join("")).toBe(text);
    expect(runs.length).toBeGreaterThan(1);
    // An English phrase stays one run (one file), spaces included.
    expect(fontRunsOf("Smart city strategy (2023)", 700)).toHaveLength(1);
  });

  it("gives each run a file as plain TrueType (converted from WOFF once)", () => {
    for (const run of fontRunsOf("治理 Governance", 400)) {
      const bytes = fontBytes(run.font);
      expect(bytes.readUInt32BE(0)).toBe(0x00010000);
      expect(bytes).toBe(fontBytes(run.font));
    }
  });
});
