import { describe, expect, it } from "vitest";
import { cn } from "@/components/ui/cn";

describe("cn (clsx + tailwind-merge)", () => {
  it("lets a later className override the built-in class of the same kind", () => {
    expect(cn("inline-flex px-4 py-2 text-sm", "px-6")).toBe("inline-flex py-2 text-sm px-6");
    expect(cn("rounded-xl border border-slate-200 bg-white p-5", "p-0 bg-slate-50")).toBe(
      "rounded-xl border border-slate-200 p-0 bg-slate-50",
    );
  });

  it("keeps every class of the components' own class lists (project colours included)", () => {
    const button =
      "inline-flex items-center gap-2 rounded-md font-medium no-underline px-4 py-2 text-sm bg-brand-600 text-white hover:bg-brand-700 disabled:bg-slate-300";
    expect(cn(button).split(" ")).toEqual(button.split(" "));
    const control =
      "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100 min-h-24";
    expect(cn(control).split(" ")).toEqual(control.split(" "));
  });

  it("drops falsy parts like clsx", () => {
    expect(cn("a", false, null, undefined, { b: true, c: false })).toBe("a b");
  });
});
