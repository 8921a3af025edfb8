import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import type {
  AdminHome,
  CitizenHome,
  DepartmentHome,
  ExpertHome,
  LeadershipHome,
  PartnerHome,
  RoleHomeSection,
} from "@/server/dashboard/role-home";
import { CountTile, TileGrid } from "./count-tile";

/**
 * The role home page's sections (`dashboard.home`): one card per role the viewer holds (and per city
 * for city roles), each with its live counts, the pages that deal with them and, when nothing
 * waits, what to do next. Server components: the counts are in the HTML.
 */
export function RoleHomeSections({ sections }: { sections: RoleHomeSection[] }) {
  return (
    <div className="space-y-6">
      {sections.map((section) => {
        switch (section.role) {
          case "expert":
            return <ExpertSection key="expert" section={section} />;
          case "admin":
            return <AdminSection key="admin" section={section} />;
          case "leadership":
            return <LeadershipSection key={`leadership-${section.city.id}`} section={section} />;
          case "department":
            return <ContributorSection key={`department-${section.city.id}`} section={section} />;
          case "partner":
            return <ContributorSection key={`partner-${section.city.id}`} section={section} />;
          case "citizen":
            return <CitizenSection key={`citizen-${section.city.id}`} section={section} />;
          default:
            return null;
        }
      })}
    </div>
  );
}

function SectionCard({
  kind,
  cityId,
  title,
  subtitle,
  action,
  children,
}: {
  kind: string;
  /** City sections: one per city, so the heading ids stay unique. */
  cityId?: string;
  title: string;
  subtitle?: string;
  action?: { href: string; label: string };
  children: ReactNode;
}) {
  const id = `home-${kind}-${cityId ?? "all"}`;
  return (
    <Card aria-labelledby={id} data-testid={`role-home-${kind}`}>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0">
          <h2 id={id} className="break-words">
            {title}
          </h2>
          {subtitle ? <p className="mt-1 text-sm text-slate-600">{subtitle}</p> : null}
        </div>
        {action ? (
          <Link href={action.href} className="text-sm font-medium">
            {action.label} <span aria-hidden>→</span>
          </Link>
        ) : null}
      </div>
      {children}
    </Card>
  );
}

function ExpertSection({ section }: { section: ExpertHome }) {
  const t = useTranslations("dashboard.expert");
  const format = useFormatter();
  return (
    <SectionCard kind="expert" title={t("title")} subtitle={t("subtitle")} action={{ href: section.href, label: t("openQueue") }}>
      {section.waiting.length === 0 ? (
        <EmptyState title={t("emptyTitle")}>
          {t("emptyHint")}{" "}
          <Link href={section.href} className="underline">
            {t("emptyLink")}
          </Link>
        </EmptyState>
      ) : (
        <>
          <p className="mb-3 text-sm" data-testid="expert-total-waiting">
            {t("total", { count: section.totalWaiting, cities: section.waiting.length })}
          </p>
          <TileGrid label={t("perCity")}>
            {section.waiting.map((w) => (
              <CountTile
                key={w.city.id}
                count={w.count}
                label={w.city.localizedName}
                hint={t("oldest", { days: w.oldestAgeDays, date: format.dateTime(w.oldestSubmittedAt, { dateStyle: "medium" }) })}
                href={w.href}
                urgent
                testId="expert-city-waiting"
              />
            ))}
          </TileGrid>
        </>
      )}
    </SectionCard>
  );
}

function AdminSection({ section }: { section: AdminHome }) {
  const t = useTranslations("dashboard.admin");
  const nothing = section.pendingInvitations + section.blockedUsers + section.flaggedItems === 0;
  return (
    <SectionCard kind="admin" title={t("title")} subtitle={t("subtitle")} action={{ href: section.href, label: t("openAdmin") }}>
      <TileGrid>
        <CountTile
          count={section.pendingInvitations}
          label={t("pendingInvitations")}
          hint={t("pendingInvitationsHint")}
          href={section.links.invitations}
          testId="admin-pending-invitations"
        />
        <CountTile
          count={section.blockedUsers}
          label={t("blockedUsers")}
          hint={t("blockedUsersHint")}
          href={section.links.blockedUsers}
          testId="admin-blocked-users"
        />
        <CountTile
          count={section.flaggedItems}
          label={t("flaggedItems")}
          hint={t("flaggedItemsHint")}
          href={section.links.flaggedItems}
          urgent
          testId="admin-flagged-items"
        />
      </TileGrid>
      {nothing ? <p className="mt-3 text-sm text-slate-600">{t("allClear")}</p> : null}
    </SectionCard>
  );
}

function LeadershipSection({ section }: { section: LeadershipHome }) {
  const t = useTranslations("dashboard.leadership");
  const tStatus = useTranslations("workflow.status");
  const format = useFormatter();
  const a = section.assessment;
  const waitingOnGroup = section.awaitingMyApproval + section.awaitingPublication + section.returned;
  return (
    <SectionCard
      kind="leadership"
      cityId={section.city.id}
      title={t("title", { city: section.city.localizedName })}
      subtitle={a ? t("assessment", { cycle: a.cycle, status: tStatus(a.status as "draft") }) : t("noAssessment")}
      action={{ href: section.links.assessment, label: t("openLeadership") }}
    >
      <TileGrid>
        <CountTile
          count={section.awaitingMyApproval}
          label={t("awaitingMyApproval")}
          hint={section.awaitingMyApproval ? t("awaitingMyApprovalHint") : t("zeroApproval")}
          href={section.links.assessment}
          urgent
          testId="leadership-approvals"
        />
        <CountTile
          count={section.awaitingPublication}
          label={t("awaitingPublication")}
          hint={section.awaitingPublication ? t("awaitingPublicationHint") : t("zeroPublication")}
          href={section.links.assessment}
          urgent
          testId="leadership-publication"
        />
        <CountTile
          count={section.returned}
          label={t("returned")}
          hint={section.returned ? t("returnedHint") : t("zeroReturned")}
          href={section.links.assessment}
          urgent
          testId="leadership-returned"
        />
        <CountTile
          count={section.consultationsClosingSoon}
          label={t("closingSoon")}
          hint={
            section.nextClosingAt
              ? t("nextClosing", { date: format.dateTime(section.nextClosingAt, { dateStyle: "medium", timeStyle: "short" }) })
              : t("zeroClosing")
          }
          href={section.links.consultations}
          testId="leadership-consultations"
        />
      </TileGrid>
      {waitingOnGroup === 0 && !a ? <p className="mt-3 text-sm text-slate-600">{t("startNext")}</p> : null}
    </SectionCard>
  );
}

function ContributorSection({ section }: { section: DepartmentHome | PartnerHome }) {
  const t = useTranslations("dashboard.contributor");
  const tStatus = useTranslations("evidence.status");
  const format = useFormatter();
  const partner = section.role === "partner" ? section : null;
  return (
    <SectionCard
      kind={section.role}
      cityId={section.city.id}
      title={t(section.role === "partner" ? "partnerTitle" : "departmentTitle", { city: section.city.localizedName })}
      action={{ href: section.links.workspace, label: t("openWorkspace") }}
    >
      <TileGrid>
        <CountTile
          count={section.changesRequested}
          label={t("changesRequested")}
          hint={
            section.oldestChangeRequestAt
              ? t("oldestRequest", { date: format.dateTime(section.oldestChangeRequestAt, { dateStyle: "medium" }) })
              : t("zeroChanges")
          }
          href={section.links.changesRequested}
          urgent
          testId="contributor-changes-requested"
        />
        <CountTile
          count={section.awaitingReview}
          label={t("awaitingReview")}
          hint={t("awaitingReviewHint")}
          href={section.links.workspace}
          testId="contributor-awaiting-review"
        />
      </TileGrid>
      {partner ? (
        <section className="mt-4" aria-labelledby={`ppp-${section.city.id}`} data-testid="partner-funding-evidence">
          <h3 id={`ppp-${section.city.id}`} className="text-sm font-semibold">
            {t("fundingTitle", { count: partner.fundingEvidence.total })}
          </h3>
          {partner.fundingEvidence.total === 0 ? (
            <p className="mt-1 text-sm text-slate-600">{t("fundingEmpty")}</p>
          ) : (
            <ul className="mt-2 flex flex-wrap gap-2 text-sm">
              {(["submitted", "changes_requested", "accepted", "rejected", "withdrawn"] as const)
                .filter((status) => partner.fundingEvidence[status] > 0)
                .map((status) => (
                  <li key={status} className="rounded-full bg-slate-100 px-3 py-1" data-testid={`funding-${status}`}>
                    <span className="font-semibold tabular-nums">{partner.fundingEvidence[status]}</span> {tStatus(status)}
                  </li>
                ))}
            </ul>
          )}
        </section>
      ) : null}
      {section.changesRequested === 0 && section.awaitingReview === 0 ? (
        <p className="mt-3 text-sm text-slate-600">{t(section.role === "partner" ? "emptyPartner" : "emptyDepartment")}</p>
      ) : null}
    </SectionCard>
  );
}

function CitizenSection({ section }: { section: CitizenHome }) {
  const t = useTranslations("dashboard.citizen");
  const format = useFormatter();
  return (
    <SectionCard
      kind="citizen"
      cityId={section.city.id}
      title={t("title", { city: section.city.localizedName })}
      action={{ href: `/cities/${encodeURIComponent(section.city.slug)}`, label: t("openCity") }}
    >
      <TileGrid>
        <CountTile
          count={section.openConsultations}
          label={t("openConsultations")}
          hint={
            section.nextClosingAt
              ? t("nextClosing", { date: format.dateTime(section.nextClosingAt, { dateStyle: "medium" }) })
              : t("zeroConsultations")
          }
          href={section.links.consultations}
          urgent
          testId="citizen-consultations"
        />
        <CountTile
          count={section.repliesToMe}
          label={t("replies")}
          hint={
            section.latestReplyAt
              ? t("latestReply", { date: format.dateTime(section.latestReplyAt, { dateStyle: "medium" }) })
              : t("zeroReplies")
          }
          href={section.links.replies}
          testId="citizen-replies"
        />
      </TileGrid>
    </SectionCard>
  );
}
