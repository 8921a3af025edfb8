import { useTranslations } from "next-intl";
import { Card, CardHeader } from "@/components/ui/card";
import { Badge, EmptyState } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import type { GoodPracticeFinder } from "@/server/good-practice/good-practice-finder";
import type { LevelOrNotAssessed } from "@/shared/domain-values";
import { ContactLeadershipDialog } from "./contact-leadership-dialog";

type Props = {
  finder: GoodPracticeFinder;
  characteristicNames: Record<string, string>;
  canContact: boolean;
  sender: { name: string; cityName: string };
};

/** Per next roadmap step, the peer cities that made it, most similar first, with their public evidence. */
export function GoodPracticeSteps({ finder, characteristicNames, canContact, sender }: Props) {
  const t = useTranslations("goodPractice");
  const tw = useTranslations("workflow");
  const level = (l: LevelOrNotAssessed | null) => tw(`levels.${l ?? "not_assessed"}`);
  const name = (key: string) => characteristicNames[key] ?? key;
  return (
    <div className="space-y-6" data-testid="good-practice-steps">
      {finder.steps.map((step) => {
        const titleId = `step-${step.characteristicKey}`;
        return (
          <Card key={step.characteristicKey} aria-labelledby={titleId} data-testid={`good-practice-step-${step.characteristicKey}`}>
            <CardHeader
              title={
                <span id={titleId}>
                  {t("step", { characteristic: name(step.characteristicKey), from: level(step.currentLevel), to: level(step.nextLevel) })}
                </span>
              }
              description={
                step.status === "assess" ? t("assessFirst", { to: level(step.nextLevel) }) : t("peerCount", { count: step.peers.length })
              }
              actions={step.lagging ? <Badge tone="amber">{t("lagging")}</Badge> : null}
            />
            {step.peers.length === 0 ? (
              <EmptyState title={finder.region ? t("noPeersRegion") : t("noPeers")} />
            ) : (
              <ol className="space-y-4">
                {step.peers.map((peer) => {
                  const percent = peer.similarity === null ? null : Math.round(peer.similarity * 100);
                  return (
                    <li key={peer.city.id} className="rounded-md border border-slate-200 p-4" data-testid="good-practice-peer">
                      <div className="flex flex-wrap items-start justify-between gap-3">
                        <div className="min-w-0 space-y-1">
                          <p className="font-medium text-slate-900">
                            <Link href={`/cities/${encodeURIComponent(peer.city.slug)}`} className="underline">
                              {peer.city.localizedName}
                            </Link>
                            <span className="ml-2 text-sm font-normal text-slate-600">
                              {peer.city.localizedCountry} · {t(`regions.${peer.city.region as "EU"}`)}
                            </span>
                            {peer.illustrative ? (
                              <span className="ml-2" title={t("illustrativeHint")}>
                                <Badge tone="blue">{t("illustrative")}</Badge>
                              </span>
                            ) : null}
                          </p>
                          <p className="text-sm text-slate-700">
                            {t("change", { from: level(peer.levelBefore), to: level(peer.levelAfter) })}
                            <span className="ml-2 text-slate-500">
                              {peer.previousCycle
                                ? t("changeCycles", { fromCycle: peer.previousCycle, toCycle: peer.cycle })
                                : t("singleCycle", { cycle: peer.cycle })}
                            </span>
                          </p>
                        </div>
                        <div className="w-44 shrink-0 text-sm">
                          {percent === null ? (
                            <p className="text-slate-500">{t("similarityUnknown")}</p>
                          ) : (
                            <>
                              <p className="text-slate-700">{t("similarity", { percent })}</p>
                              <meter
                                className="mt-1 block h-2 w-full"
                                min={0}
                                max={100}
                                value={percent}
                                aria-label={t("similarityLabel")}
                              />
                            </>
                          )}
                        </div>
                      </div>
                      <div className="mt-3 text-sm">
                        <p className="font-medium text-slate-800">{t("evidenceTitle")}</p>
                        {peer.evidence.length === 0 ? (
                          <p className="text-slate-500">{t("noEvidence")}</p>
                        ) : (
                          <ul className="mt-1 list-disc space-y-1 pl-5" data-testid="good-practice-evidence">
                            {peer.evidence.map((e) => (
                              <li key={e.id}>
                                <Link href={`/cities/${encodeURIComponent(peer.city.slug)}`} className="underline">
                                  {e.title}
                                </Link>
                              </li>
                            ))}
                          </ul>
                        )}
                      </div>
                      {canContact ? (
                        <div className="mt-3">
                          <ContactLeadershipDialog
                            cityId={finder.city.id}
                            target={{ id: peer.city.id, name: peer.city.localizedName }}
                            characteristic={{ key: step.characteristicKey, name: name(step.characteristicKey) }}
                            nextLevelName={level(step.nextLevel)}
                            sender={sender}
                          />
                        </div>
                      ) : null}
                    </li>
                  );
                })}
              </ol>
            )}
          </Card>
        );
      })}
    </div>
  );
}
