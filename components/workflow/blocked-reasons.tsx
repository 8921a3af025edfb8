import { useTranslations } from "next-intl";
import type { PreconditionProblem } from "@/server/workflow/assessment-lifecycle";

/** What still blocks a transition, in the reader's language. */
export function BlockedReasons({
  id,
  problems,
  characteristicNames,
}: {
  id?: string;
  problems: PreconditionProblem[];
  characteristicNames: Record<string, string>;
}) {
  const t = useTranslations("workflow.blocked");
  if (problems.length === 0) return null;
  return (
    <ul id={id} className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-amber-900">
      {problems.map((problem, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a list rebuilt whole on each render, where a code may repeat
        <li key={`${problem.code}-${i}`}>{describeProblem(t, problem, characteristicNames)}</li>
      ))}
    </ul>
  );
}

type Translate = (key: PreconditionProblem["code"], values?: Record<string, string | number>) => string;

function describeProblem(t: Translate, problem: PreconditionProblem, names: Record<string, string>): string {
  switch (problem.code) {
    case "EVIDENCE_AWAITING_REVIEW":
      return t("EVIDENCE_AWAITING_REVIEW", { count: problem.count });
    case "CHARACTERISTICS_WITHOUT_LEVEL":
      return t("CHARACTERISTICS_WITHOUT_LEVEL", { list: problem.characteristicKeys.map((k) => names[k] ?? k).join(", ") });
    case "SCORING_PROBLEMS":
      return t("SCORING_PROBLEMS", { details: problem.problems.map((p) => p.message).join("; ") });
    case "ANOTHER_ASSESSMENT_OPEN":
      return t("ANOTHER_ASSESSMENT_OPEN", { cycle: problem.cycle });
    case "CARRIED_OVER_UNCONFIRMED":
      return t("CARRIED_OVER_UNCONFIRMED", { judgements: problem.judgements, ratings: problem.ratings });
    default:
      return t(problem.code);
  }
}
