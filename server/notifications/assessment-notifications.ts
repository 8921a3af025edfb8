import type { DbOrTx } from "@/db/client";
import type { TransitionName } from "@/shared/domain-values";
import { cityMemberIds, expertIds, notifyUsers } from "./notifications";

type CityRef = { id: string; name: string; slug: string };
type AssessmentRef = { id: string; cycle: string };

/** Where each group acts: contributors in their workspace, leadership on its dashboard. */
const leadershipHref = (city: CityRef) => `/leadership?city=${encodeURIComponent(city.slug)}`;
const workspaceHref = "/workspace";
const publicCityHref = (city: CityRef) => `/cities/${encodeURIComponent(city.slug)}`;
const timelineHref = (assessment: AssessmentRef) => `/assessments/${assessment.id}/timeline`;

/**
 * Tells the people who must act next. Runs inside the transition's transaction.
 * `statusChanged` is false for an approval that still waits for other leadership members.
 */
export async function notifyAssessmentTransition(
  tx: DbOrTx,
  input: {
    transition: TransitionName;
    statusChanged: boolean;
    city: CityRef;
    assessment: AssessmentRef;
    actorId: string;
    reason?: string | null;
    approvals?: { count: number; required: number };
  },
): Promise<void> {
  const { city, assessment, actorId } = input;
  const base = { cityName: city.name, cycle: assessment.cycle };
  const except = { exceptUserId: actorId };
  switch (input.transition) {
    case "submit_for_review":
      await notifyUsers(tx, await expertIds(tx), { cityId: city.id, kind: "assessment_in_review", params: base, href: "/review" }, except);
      return;
    case "mark_rated":
      await notifyUsers(
        tx,
        await cityMemberIds(tx, city.id, ["leadership"]),
        { cityId: city.id, kind: "assessment_rated", params: { ...base, required: input.approvals?.required }, href: leadershipHref(city) },
        except,
      );
      return;
    case "return_to_draft": {
      const params = { ...base, reason: input.reason ?? undefined };
      await notifyUsers(
        tx,
        await cityMemberIds(tx, city.id, ["department", "partner"]),
        { cityId: city.id, kind: "assessment_returned_to_draft", params, href: workspaceHref },
        except,
      );
      await notifyUsers(
        tx,
        await cityMemberIds(tx, city.id, ["leadership"]),
        { cityId: city.id, kind: "assessment_returned_to_draft", params, href: leadershipHref(city) },
        except,
      );
      return;
    }
    case "approve":
      await notifyUsers(
        tx,
        await cityMemberIds(tx, city.id, ["leadership"]),
        {
          cityId: city.id,
          kind: input.statusChanged ? "assessment_approved" : "assessment_approval_recorded",
          params: { ...base, approvals: input.approvals?.count, required: input.approvals?.required },
          href: leadershipHref(city),
        },
        except,
      );
      return;
    case "withdraw_approval":
      await notifyUsers(
        tx,
        await cityMemberIds(tx, city.id, ["leadership"]),
        {
          cityId: city.id,
          kind: "assessment_approval_withdrawn",
          params: { ...base, reason: input.reason ?? undefined },
          href: leadershipHref(city),
        },
        except,
      );
      return;
    case "publish":
      await notifyUsers(
        tx,
        await cityMemberIds(tx, city.id),
        { cityId: city.id, kind: "assessment_published", params: base, href: publicCityHref(city) },
        except,
      );
      return;
    case "unpublish":
      await notifyUsers(
        tx,
        await cityMemberIds(tx, city.id),
        {
          cityId: city.id,
          kind: "assessment_unpublished",
          params: { ...base, reason: input.reason ?? undefined },
          href: publicCityHref(city),
        },
        except,
      );
      return;
  }
}

/** A new cycle was started as a copy of the last one: contributors can bring evidence again. */
export async function notifyAssessmentOpened(
  tx: DbOrTx,
  input: { city: CityRef; assessment: AssessmentRef; actorId: string },
): Promise<void> {
  const params = { cityName: input.city.name, cycle: input.assessment.cycle };
  const except = { exceptUserId: input.actorId };
  await notifyUsers(
    tx,
    await cityMemberIds(tx, input.city.id, ["department", "partner"]),
    { cityId: input.city.id, kind: "assessment_opened", params, href: workspaceHref },
    except,
  );
  await notifyUsers(
    tx,
    await cityMemberIds(tx, input.city.id, ["leadership"]),
    { cityId: input.city.id, kind: "assessment_opened", params, href: timelineHref(input.assessment) },
    except,
  );
}

/**
 * For the evidence review (server/review): the author hears the decision. Call it inside the
 * review's transaction. `href` defaults to the contributor workspace.
 */
export async function notifyEvidenceReviewed(
  tx: DbOrTx,
  input: {
    cityId: string;
    authorId: string;
    reviewerId: string;
    decision: "accepted" | "rejected" | "changes_requested";
    evidenceTitle: string;
    cityName?: string;
    note?: string | null;
    href?: string;
  },
): Promise<void> {
  const kind =
    input.decision === "accepted"
      ? "evidence_accepted"
      : input.decision === "rejected"
        ? "evidence_rejected"
        : "evidence_changes_requested";
  await notifyUsers(
    tx,
    [input.authorId],
    {
      cityId: input.cityId,
      kind,
      params: { evidenceTitle: input.evidenceTitle, cityName: input.cityName, reason: input.note ?? undefined },
      href: input.href ?? workspaceHref,
    },
    { exceptUserId: input.reviewerId },
  );
}
