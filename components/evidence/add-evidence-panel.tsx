"use client";

import { useTranslations } from "next-intl";
import { Tabs } from "radix-ui";
import type { CharacteristicKey, EvidenceKind } from "@/shared/domain-values";
import { type CriterionOption, EvidenceForm, type QuestionOption } from "./evidence-form";

type Props = {
  assessmentId: string;
  characteristicKey: CharacteristicKey;
  kinds: readonly EvidenceKind[];
  criteria: CriterionOption[];
  questions: QuestionOption[];
};

/** "Add evidence": one tab per kind, each with its own form. */
export function AddEvidencePanel({ assessmentId, characteristicKey, kinds, criteria, questions }: Props) {
  const t = useTranslations("evidence");
  return (
    <Tabs.Root defaultValue={kinds[0]} className="space-y-4">
      <Tabs.List aria-label={t("chooseKind")} className="flex flex-wrap gap-1 border-b border-slate-200">
        {kinds.map((kind) => (
          <Tabs.Trigger
            key={kind}
            value={kind}
            className="-mb-px rounded-t-md border border-transparent px-3 py-2 text-sm text-slate-700 hover:bg-slate-50 data-[state=active]:border-slate-200 data-[state=active]:border-b-white data-[state=active]:bg-white data-[state=active]:font-semibold data-[state=active]:text-brand-700"
          >
            {t(`kinds.${kind}`)}
          </Tabs.Trigger>
        ))}
      </Tabs.List>
      {kinds.map((kind) => (
        <Tabs.Content key={kind} value={kind} className="focus-visible:outline-none">
          <p className="mb-3 text-sm text-slate-600">{t(`kindHelp.${kind}`)}</p>
          <EvidenceForm
            assessmentId={assessmentId}
            characteristicKey={characteristicKey}
            kind={kind}
            criteria={criteria}
            questions={questions}
            mode={{ type: "create" }}
          />
        </Tabs.Content>
      ))}
    </Tabs.Root>
  );
}
