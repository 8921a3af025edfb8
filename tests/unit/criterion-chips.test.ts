import { describe, expect, it } from "vitest";
import { criterionChips, shortCriterionText } from "@/server/evidence/criterion-labels";
import { currentFramework } from "@/server/scoring/framework-registry";
import { DEMO_ACCOUNTS } from "@/server/seed/demo";

describe("criterion chips name the criterion", () => {
  const framework = currentFramework();
  const all = framework.characteristics.flatMap((c) => c.criteria);

  it("give every criterion its level, position, full text and a short text in both languages", () => {
    for (const lang of ["en", "zh"] as const) {
      const chips = criterionChips(framework, lang);
      expect(Object.keys(chips).sort()).toEqual(all.map((c) => c.key).sort());
      for (const c of all) {
        const chip = chips[c.key];
        expect(chip).toMatchObject({ key: c.key, level: c.level, text: c.text[lang] });
        expect(chip.position).toBe(Number(c.key.split(".").pop()));
        expect(chip.shortText.length).toBeGreaterThan(3);
        expect(chip.shortText.length).toBeLessThanOrEqual(lang === "zh" ? 17 : 49);
        // The short text is the start of the criterion's own wording, not "More advanced 2".
        expect(c.text[lang].replace(/\s+/g, " ").startsWith(chip.shortText.replace(/…$/, ""))).toBe(true);
      }
    }
  });

  it("keeps a short wording whole and cuts a long one at a word", () => {
    expect(shortCriterionText("Open data portal", "en")).toBe("Open data portal");
    const long = shortCriterionText("Smart City vision clearly articulated and related to overall city vision", "en");
    expect(long).toBe("Smart City vision clearly articulated and…");
    expect(shortCriterionText("智慧城市愿景表述清晰，并与城市总体愿景相关联", "zh")).toBe("智慧城市愿景表述清晰…");
  });
});

describe("demo account names", () => {
  it("are people's names, without the role the UI adds beside them", () => {
    for (const account of DEMO_ACCOUNTS) expect(account.name).not.toMatch(/\((leadership|department|partner|citizen)\)/);
  });
});
