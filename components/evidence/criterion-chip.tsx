import { useTranslations } from "next-intl";
import type { CriterionChip as CriterionChipData } from "@/server/evidence/criterion-labels";

/**
 * A criterion an item claims, named by its own (shortened) words with its level and position as the
 * secondary label; the full wording is the chip's tooltip and, for screen readers, its text.
 */
export function CriterionChip({ chip, fallback }: { chip: CriterionChipData | undefined; fallback: string }) {
  const tLevels = useTranslations("review.levels");
  if (!chip) return <span className="inline-flex rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{fallback}</span>;
  const level = `${tLevels(chip.level)} ${chip.position}`;
  return (
    <span
      className="inline-flex max-w-full items-baseline gap-1.5 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-800"
      title={`${chip.text} (${level})`}
      data-testid="criterion-chip"
    >
      <span aria-hidden className="min-w-0 truncate">
        {chip.shortText}
      </span>
      <span className="sr-only">{chip.text}</span>
      <span className="shrink-0 text-slate-600">
        <span className="sr-only">, </span>
        {level}
      </span>
    </span>
  );
}
