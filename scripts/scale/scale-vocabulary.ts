import type { GuidingQuestion } from "@/server/scoring/framework-types";
import type { Random } from "./scale-random";

/** Names, texts and weights the generated data is drawn from. */

export const EU_PARTS = [
  [
    "Nor",
    "Vel",
    "Ast",
    "Bel",
    "Cor",
    "Dun",
    "Els",
    "Fal",
    "Gra",
    "Hel",
    "Ist",
    "Kar",
    "Lin",
    "Mar",
    "Ost",
    "Por",
    "Ros",
    "Sal",
    "Tor",
    "Val",
  ],
  ["haven", "burg", "stad", "ford", "mont", "dorf", "ville", "polis", "ena", "wick", "berg", "holm", "ona", "ara", "by"],
] as const;
export const CN_PARTS = [
  ["Xin", "Jin", "Lin", "Hai", "Shan", "Yun", "Qing", "Long", "Bai", "Dong", "Nan", "Xi", "Fu", "Ning", "An", "Tai"],
  ["zhou", "yang", "hai", "ning", "jiang", "tan", "men", "du", "feng", "cheng", "kou", "ping"],
] as const;
export const OTHER_PARTS = [
  ["Porto", "San", "Villa", "Nova", "Alto", "Monte", "Rio", "Costa"],
  [" Verde", " Claro", " Alegre", " Mar", " Sol", " Real", " Azul"],
] as const;
export const COUNTRIES = {
  EU: ["Spain", "Italy", "France", "Germany", "Netherlands", "Sweden", "Denmark", "Poland", "Portugal", "Austria"],
  China: ["China"],
  other: ["Brazil", "Chile", "Mexico", "Colombia", "Peru"],
} as const;
export const DEPARTMENTS = ["Urban Planning", "Transport", "Energy", "Digital Services", "Environment", "Finance"];
export const ORGANISATIONS = ["Smart Infra Partners", "GridWorks", "CityCloud Ltd", "Mobility Labs", "DataBridge", "Green Utilities"];
export const SENTENCES = [
  "The open data portal now covers transport and energy.",
  "Could we link the KPI report to the strategy criterion?",
  "The funding plan needs the 2025 budget figures.",
  "Residents in the east district asked about sensor privacy.",
  "The partnership agreement was renewed for five more years.",
  "This evidence supports the basic level but not the average one.",
  "Please add the council decision that adopted the strategy.",
  "We measured the indicator with the ISO 37120 method.",
  "The broadband rollout reached 92% of households.",
  "I agree, the governance board meets quarterly now.",
  "The survey results are attached to the consultation.",
  "Thanks, that answers the question about data sharing.",
];
export const EVIDENCE_SUBJECTS = [
  "Smart city strategy 2030",
  "Stakeholder forum minutes",
  "Governance board charter",
  "Municipal budget annex",
  "Value assessment report",
  "PPP business case",
  "Fibre network coverage",
  "E-services usage statistics",
  "Open data policy",
  "Energy KPI dashboard",
  "Mobility pilot evaluation",
  "Citizen survey results",
];
export const KINDS = [
  ["document", 20],
  ["link", 30],
  ["kpi", 20],
  ["ppp", 10],
  ["narrative", 20],
] as const;
export const NOTIFICATION_KINDS = [
  "evidence_accepted",
  "evidence_rejected",
  "evidence_changes_requested",
  "assessment_opened",
  "assessment_in_review",
  "assessment_rated",
  "assessment_approval_recorded",
  "assessment_approved",
  "assessment_published",
] as const;

export function sentences(random: Random, min: number, max: number): string {
  const n = random.int(min, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(random.pick(SENTENCES));
  return out.join(" ");
}

export function flattenQuestionKeys(questions: readonly GuidingQuestion[]): string[] {
  return questions.flatMap((q) => [q.key, ...flattenQuestionKeys(q.subQuestions)]);
}
