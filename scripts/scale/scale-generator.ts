import { randomUUID } from "node:crypto";
import { slugifyCityName } from "@/server/cities/city-slug";
import { currentFramework } from "@/server/scoring/framework-registry";
import type { Characteristic } from "@/server/scoring/framework-types";
import { CRITERIA_LEVELS } from "@/server/scoring/levels";
import { MATURITY_LEVELS, PARTNER_CHARACTERISTICS } from "@/shared/domain-values";
import { AuditChain } from "./scale-audit-chain";
import { type Actor, type CityInfo, DAY, type GlobalUsers, type Member, type Rows, type ScaleOptions } from "./scale-dataset";
import { generateCommentThreads, generateConsultation, type ParticipationContext } from "./scale-participation";
import { Random, share } from "./scale-random";
import {
  CN_PARTS,
  COUNTRIES,
  DEPARTMENTS,
  EU_PARTS,
  EVIDENCE_SUBJECTS,
  flattenQuestionKeys,
  KINDS,
  NOTIFICATION_KINDS,
  ORGANISATIONS,
  OTHER_PARTS,
  SENTENCES,
  sentences,
} from "./scale-vocabulary";

/** Generates the data city by city, in memory (see scale-dataset.ts for what and scale-participation.ts for threads). */

const LATEST_STATUS_BY_SLOT = [
  "draft",
  "draft",
  "draft",
  "draft",
  "draft",
  "draft",
  "draft",
  "draft",
  "in_review",
  "in_review",
  "in_review",
  "in_review",
  "in_review",
  "in_review",
  "rated",
  "rated",
  "rated",
  "approved",
  "approved",
  "withdrawn",
] as const;

export class ScaleGenerator {
  readonly random: Random;
  private readonly framework = currentFramework();
  private readonly usedSlugs = new Set<string>();
  private readonly now = Date.now();
  private readonly latestYear = new Date().getUTCFullYear();
  private nextAuditId: number;
  readonly bigThreadSize: number;

  constructor(
    readonly options: ScaleOptions,
    readonly passwordHash: string,
    readonly global: GlobalUsers,
    firstAuditId: number,
    existingSlugs: Iterable<string>,
  ) {
    this.random = new Random(options.seed);
    this.nextAuditId = firstAuditId;
    for (const s of existingSlugs) this.usedSlugs.add(s);
    const commentRows = Math.round(options.comments * 0.75);
    this.bigThreadSize = options.bigThread ?? Math.max(Math.min(10, commentRows), Math.round(commentRows * 0.01));
  }

  private get participation(): ParticipationContext {
    return { random: this.random, framework: this.framework, experts: this.global.experts, now: this.now };
  }

  get auditIdsUsed(): number {
    return this.nextAuditId;
  }

  /** The global experts and admins, created once before the cities. */
  static globalUsers(count: { experts: number; admins: number }, passwordHash: string, createdAt: Date, rows: Rows, tag = ""): GlobalUsers {
    const make = (role: "expert" | "admin", n: number): Actor[] =>
      Array.from({ length: n }, (_, i) => {
        const id = randomUUID();
        rows.users.push([id, `${role}-${tag}${i + 1}@scale.test`, `Scale ${role} ${i + 1}`, passwordHash, role, createdAt]);
        return { id, role };
      });
    return { experts: make("expert", count.experts), admins: make("admin", count.admins) };
  }

  private cityName(index: number, region: "EU" | "China" | "other"): string {
    const parts = region === "EU" ? EU_PARTS : region === "China" ? CN_PARTS : OTHER_PARTS;
    for (let attempt = 0; ; attempt++) {
      const base = `${this.random.pick(parts[0])}${this.random.pick(parts[1])}`;
      const name = attempt < 3 ? base : `${base} ${index + 1}`;
      const slug = slugifyCityName(name);
      if (!this.usedSlugs.has(slug)) {
        this.usedSlugs.add(slug);
        return name;
      }
    }
  }

  /** Everything of city `index` into `rows`. */
  generateCity(index: number, rows: Rows): CityInfo {
    const { random, options, framework } = this;
    const cityCount = options.cities;
    const region = random.weighted([
      ["EU", 45],
      ["China", 45],
      ["other", 10],
    ] as const);
    const name = this.cityName(index, region);
    const cityId = randomUUID();
    const slug = slugifyCityName(name);
    const approvalsRequired = random.chance(0.3) ? 2 : 1;
    const firstYear = this.latestYear - options.cycles + 1;
    const cityCreated = Date.UTC(firstYear - 1, random.int(0, 11), random.int(1, 28));
    rows.cities.push([
      cityId,
      slug,
      name,
      random.pick(COUNTRIES[region]),
      region,
      random.int(50, 20_000) * 1000,
      approvalsRequired,
      false,
      new Date(cityCreated),
    ]);

    const cityChain = new AuditChain(`city:${cityId}`, cityId, null);
    const admin = random.pick(this.global.admins);
    cityChain.add(cityCreated, admin, "city.create", "city", cityId, null, { name, slug });

    // Members: the people behind the evidence and the comments.
    const members: Member[] = [];
    const addMember = (role: Member["role"], k: number) => {
      const id = randomUUID();
      const email = `${role}-${options.tag ?? ""}${index + 1}-${k + 1}@scale.test`;
      const joined = cityCreated + random.int(1, 300) * DAY;
      rows.users.push([
        id,
        email,
        `${role[0].toUpperCase()}${role.slice(1)} ${index + 1}.${k + 1}`,
        this.passwordHash,
        null,
        new Date(joined),
      ]);
      const revoked = role === "citizen" && random.chance(0.02) ? new Date(joined + 200 * DAY) : null;
      rows.memberships.push([
        randomUUID(),
        cityId,
        id,
        role,
        role === "department" ? DEPARTMENTS[k % DEPARTMENTS.length] : null,
        role === "partner" ? ORGANISATIONS[k % ORGANISATIONS.length] : null,
        revoked,
        new Date(joined),
      ]);
      cityChain.add(joined, admin, "member.accept_invitation", "membership", id, null, { role });
      if (revoked) cityChain.add(revoked.getTime(), admin, "member.revoke", "membership", id, { role }, null);
      if (!revoked) members.push({ id, role, email });
    };
    for (let k = 0; k < 2; k++) addMember("leadership", k);
    for (let k = 0; k < 4; k++) addMember("department", k);
    for (let k = 0; k < 3; k++) addMember("partner", k);
    for (let k = 0; k < options.citizensPerCity; k++) addMember("citizen", k);
    const byRole = (role: Member["role"]) => members.filter((m) => m.role === role);
    const leadership = byRole("leadership");
    const departments = byRole("department");
    const partners = byRole("partner");
    const citizens = byRole("citizen");
    const staff = [...leadership, ...departments, ...partners];
    const actor = (m: Member): Actor => ({ id: m.id, role: m.role });

    // Volumes of this city.
    const evidenceTotal = share(options.evidence, cityCount, index);
    const commentRowsTotal = Math.round(options.comments * 0.75);
    const feedbackTotal = share(options.comments - commentRowsTotal, cityCount, index);
    const ordinaryComments = share(Math.max(0, commentRowsTotal - this.bigThreadSize), cityCount, index);
    const auditBudget = share(options.audit, cityCount, index);
    const notificationTotal = share(options.notifications, cityCount, index);

    const latestStatus = index === 0 ? "draft" : LATEST_STATUS_BY_SLOT[(index * 7) % LATEST_STATUS_BY_SLOT.length];
    // Each characteristic climbs the ladder over the cycles.
    const reach = framework.characteristics.map(() => random.int(0, 2));
    const info: CityInfo = {
      index,
      id: cityId,
      slug,
      latestAssessmentId: "",
      latestStatus,
      latestPublishedAssessmentId: null,
      publishedAssessmentIds: [],
      departmentEmails: departments.map((d) => d.email),
      citizenEmails: citizens.slice(0, 5).map((c) => c.email),
    };
    const chains: AuditChain[] = [cityChain];
    let previousAssessmentId: string | null = null;
    let commentsLeft = ordinaryComments;
    let evidenceLeft = evidenceTotal;

    for (let k = 0; k < options.cycles; k++) {
      const year = this.latestYear - options.cycles + 1 + k;
      const isLatest = k === options.cycles - 1;
      const status = isLatest ? latestStatus : "published";
      const assessmentId = randomUUID();
      const chain = new AuditChain(`assessment:${assessmentId}`, cityId, assessmentId);
      chains.push(chain);
      const opened = Date.UTC(year, 0, random.int(5, 25), random.int(8, 17));
      const end = isLatest ? this.now - DAY : Date.UTC(year, 11, random.int(1, 20), 12);
      const span = Math.max(DAY, end - opened);
      const openedBy = random.pick(leadership);
      chain.add(opened, actor(openedBy), "assessment.open", "assessment", assessmentId, null, { cycle: String(year), status: "draft" });

      // Lifecycle up to its status; each step an audit event.
      const steps: [string, string][] = [];
      const path = ["draft", "in_review", "rated", "approved", "published"];
      const finalStatus = status === "withdrawn" ? "published" : status;
      for (let s = 1; s <= path.indexOf(finalStatus); s++) steps.push([path[s - 1], path[s]]);
      let publishedAt: number | null = null;
      let withdrawnAt: number | null = null;
      // The approvals themselves are the rated → approved step (events below).
      const transitionAction: Record<string, string> = {
        in_review: "assessment.submit_for_review",
        rated: "assessment.mark_rated",
        published: "assessment.publish",
      };
      steps.forEach(([from, to], s) => {
        const at = opened + Math.round(span * (0.55 + 0.1 * s));
        if (to === "published") publishedAt = at;
        if (to === "approved") return;
        const who =
          to === "rated"
            ? random.pick(this.global.experts)
            : to === "in_review"
              ? actor(random.pick(departments))
              : actor(random.pick(leadership));
        chain.add(at, who, transitionAction[to], "assessment", assessmentId, { status: from }, { status: to });
      });
      if (status === "withdrawn") {
        withdrawnAt = (publishedAt ?? opened) + 3 * DAY;
        chain.add(
          withdrawnAt,
          random.pick(this.global.admins),
          "assessment.unpublish",
          "assessment",
          assessmentId,
          { status: "published" },
          { status: "approved" },
          "Figures under correction",
        );
      }
      const storedStatus = status === "withdrawn" ? "approved" : status;
      const approvalRound = 1 + (random.chance(0.2) ? 1 : 0);
      rows.assessments.push([
        assessmentId,
        cityId,
        String(year),
        framework.key,
        framework.version,
        storedStatus,
        approvalRound,
        1 + steps.length,
        openedBy.id,
        previousAssessmentId,
        false,
        status === "withdrawn" ? null : publishedAt === null ? null : new Date(publishedAt),
        withdrawnAt === null ? null : new Date(withdrawnAt),
        withdrawnAt === null ? null : "Figures under correction",
        new Date(opened),
        new Date(withdrawnAt ?? publishedAt ?? end),
      ]);
      if (status === "published") info.publishedAssessmentIds.push(assessmentId);
      if (isLatest) info.latestAssessmentId = assessmentId;

      // Approvals of the final round.
      if (["approved", "published", "withdrawn"].includes(status)) {
        for (const leader of leadership.slice(0, approvalsRequired)) {
          const at = opened + Math.round(span * 0.82);
          rows.approvals.push([
            randomUUID(),
            cityId,
            assessmentId,
            approvalRound,
            leader.id,
            random.chance(0.5) ? "Approved for publication." : null,
            new Date(at),
          ]);
          chain.add(at, actor(leader), "assessment.approve", "assessment_approval", assessmentId, null, { round: approvalRound });
        }
      }

      // Evidence, its revisions and reviews.
      const evidenceHere = isLatest
        ? evidenceLeft
        : Math.min(evidenceLeft, Math.round((evidenceTotal / options.cycles) * (0.8 + random.next() * 0.4)));
      evidenceLeft -= evidenceHere;
      const acceptedByCriterion = new Map<string, string[]>();
      const evidenceIds: string[] = [];
      const statusWeights =
        status === "draft"
          ? ([
              ["submitted", 40],
              ["accepted", 25],
              ["changes_requested", 15],
              ["rejected", 10],
              ["withdrawn", 10],
            ] as const)
          : status === "in_review"
            ? ([
                ["submitted", 35],
                ["accepted", 40],
                ["changes_requested", 10],
                ["rejected", 10],
                ["withdrawn", 5],
              ] as const)
            : ([
                ["accepted", 75],
                ["rejected", 13],
                ["withdrawn", 8],
                ["changes_requested", 4],
              ] as const);
      const evidenceWindowEnd = opened + Math.round(span * (isLatest ? 0.98 : 0.6));
      for (let e = 0; e < evidenceHere; e++) {
        const characteristic = random.pick(framework.characteristics);
        const kind = random.weighted(KINDS);
        const isPartner =
          partners.length > 0 && (PARTNER_CHARACTERISTICS as readonly string[]).includes(characteristic.key) && random.chance(0.35);
        const author = isPartner ? random.pick(partners) : random.pick(departments);
        const evStatus = random.weighted(statusWeights);
        const revisionCount = random.weighted([
          [1, 65],
          [2, 25],
          [3, 10],
        ] as const);
        const id = randomUUID();
        evidenceIds.push(id);
        const created = opened + Math.floor(random.next() * (evidenceWindowEnd - opened) * 0.7);
        const title = `${random.pick(EVIDENCE_SUBJECTS)} (${year})`;
        const criterionKeys = random.sample(
          characteristic.criteria.map((c) => c.key),
          characteristic.criteria.length ? random.int(1, 3) : 0,
        );
        let fileId: string | null = null;
        if (kind === "document") {
          fileId = randomUUID();
          rows.storedFiles.push([
            fileId,
            cityId,
            `cities/${cityId}/${fileId}`,
            `evidence-${e + 1}.pdf`,
            "application/pdf",
            random.int(20, 5000) * 1024,
            random.hex(64),
            author.id,
            new Date(created),
          ]);
        }
        let at = created;
        let version = 1;
        for (let r = 1; r <= revisionCount; r++) {
          if (r > 1) at += random.int(2, 20) * DAY;
          rows.revisions.push([
            randomUUID(),
            cityId,
            id,
            r,
            title,
            this.payloadFor(kind, characteristic, fileId, year, e),
            criterionKeys,
            fileId,
            author.id,
            new Date(at),
          ]);
          chain.add(at, actor(author), r === 1 ? "evidence.submit" : "evidence.resubmit", "evidence", id, null, { revision: r, title });
          if (r > 1) version++;
          const isLast = r === revisionCount;
          const decision = isLast ? (evStatus === "submitted" || evStatus === "withdrawn" ? null : evStatus) : "changes_requested";
          if (decision) {
            const reviewedAt = at + random.int(1, 10) * DAY;
            const reviewer = random.pick(this.global.experts);
            rows.reviews.push([
              randomUUID(),
              cityId,
              id,
              r,
              reviewer.id,
              decision,
              decision === "accepted" ? null : random.pick(SENTENCES),
              new Date(reviewedAt),
            ]);
            chain.add(reviewedAt, reviewer, "evidence.review", "evidence", id, { status: "submitted" }, { status: decision, revision: r });
            version++;
            if (isLast) at = reviewedAt;
          }
        }
        const submittedAt = evStatus === "submitted" ? at : created;
        if (evStatus === "withdrawn") {
          at += DAY;
          chain.add(at, actor(author), "evidence.withdraw", "evidence", id, { status: "submitted" }, { status: "withdrawn" });
          version++;
        }
        rows.evidence.push([
          id,
          cityId,
          assessmentId,
          characteristic.key,
          kind,
          evStatus,
          author.id,
          author.role,
          title,
          revisionCount,
          version,
          new Date(submittedAt),
          new Date(created),
          new Date(at),
        ]);
        if (evStatus === "accepted") {
          for (const key of criterionKeys) {
            const list = acceptedByCriterion.get(key);
            if (list) list.push(id);
            else acceptedByCriterion.set(key, [id]);
          }
        }
      }

      // Judgements and expert ratings.
      const judgedShare = status === "draft" ? 0.5 : status === "in_review" ? 0.8 : 1;
      const judgedAt = opened + Math.round(span * 0.5);
      framework.characteristics.forEach((characteristic, c) => {
        if (k > 0 && random.chance(0.35)) reach[c] = Math.min(4, reach[c] + 1);
        for (const criterion of characteristic.criteria) {
          if (judgedShare < 1 && !random.chance(judgedShare)) continue;
          const rung = CRITERIA_LEVELS.indexOf(criterion.level) + 1;
          const roll = random.next();
          const judgement =
            rung <= reach[c]
              ? roll < 0.95
                ? "met"
                : roll < 0.98
                  ? "not_applicable"
                  : "partially_met"
              : roll < 0.15
                ? "met"
                : roll < 0.5
                  ? "partially_met"
                  : roll < 0.95
                    ? "not_met"
                    : "not_applicable";
          const expert = random.pick(this.global.experts);
          const support = judgement === "met" ? (acceptedByCriterion.get(criterion.key) ?? []).slice(0, 5) : [];
          const carriedOver = isLatest && status === "draft" && previousAssessmentId !== null && random.chance(0.3);
          rows.judgements.push([
            randomUUID(),
            cityId,
            assessmentId,
            characteristic.key,
            criterion.key,
            judgement,
            random.chance(0.2) ? random.pick(SENTENCES) : null,
            support,
            carriedOver,
            1,
            expert.id,
            new Date(judgedAt),
          ]);
          chain.add(judgedAt + random.int(0, 20) * DAY, expert, "judgement.save", "criterion_judgement", criterion.key, null, {
            judgement,
          });
        }
        if (characteristic.rateable && ["rated", "approved", "published", "withdrawn"].includes(status) && random.chance(0.25)) {
          const expert = random.pick(this.global.experts);
          const level = MATURITY_LEVELS[Math.min(4, Math.max(0, reach[c] + random.int(-1, 1)))];
          rows.ratings.push([
            randomUUID(),
            cityId,
            assessmentId,
            characteristic.key,
            level,
            "Rated on the evidence reviewed with the city team.",
            false,
            1,
            expert.id,
            new Date(judgedAt),
          ]);
          chain.add(judgedAt + 25 * DAY, expert, "rating.save", "characteristic_rating", characteristic.key, null, { level });
        }
      });

      // Comment threads: a share of the city's comments per cycle, more on the open one.
      const commentsHere = isLatest ? commentsLeft : Math.min(commentsLeft, Math.round((ordinaryComments / options.cycles) * 0.8));
      commentsLeft -= commentsHere;
      generateCommentThreads(this.participation, rows, chain, {
        cityId,
        assessmentId,
        isPublished: status === "published",
        total: commentsHere,
        start: opened,
        end,
        evidenceIds,
        staff,
        citizens,
        actor,
      });
      if (index === 0 && k === options.cycles - 2 && this.bigThreadSize > 0) {
        // The hot thread: one public characteristic thread on the latest published assessment.
        generateCommentThreads(this.participation, rows, chain, {
          cityId,
          assessmentId,
          isPublished: true,
          total: this.bigThreadSize,
          start: opened,
          end: this.now - DAY,
          evidenceIds,
          staff,
          citizens,
          actor,
          singleThread: { targetType: "characteristic", targetKey: "smart_city_strategy" },
        });
        info.bigThread = {
          assessmentId,
          targetType: "characteristic",
          targetKey: "smart_city_strategy",
          visibility: "public",
          comments: this.bigThreadSize,
        };
      }

      // Consultations: one on the open cycle, one on the last published one.
      if ((isLatest || k === options.cycles - 2) && citizens.length > 0) {
        const feedbackHere = isLatest ? Math.ceil(feedbackTotal * 0.6) : Math.floor(feedbackTotal * 0.4);
        generateConsultation(this.participation, rows, chain, {
          cityId,
          assessmentId,
          isOpen: isLatest,
          start: opened,
          end,
          feedback: feedbackHere,
          citizens,
          leadership,
          actor,
        });
      }

      if (status === "published") info.latestPublishedAssessmentId = assessmentId;
      previousAssessmentId = assessmentId;
    }

    // Notifications for the people of the city.
    for (let n = 0; n < notificationTotal; n++) {
      const to = random.chance(0.7) ? random.pick(staff) : random.pick(citizens.length ? citizens : staff);
      const at = this.now - random.int(1, 365 * 2) * DAY;
      rows.notifications.push([
        randomUUID(),
        cityId,
        to.id,
        random.pick(NOTIFICATION_KINDS),
        { cityName: name, cycle: String(this.latestYear) },
        `/cities/${slug}`,
        random.chance(0.6) ? new Date(at + DAY) : null,
        new Date(at),
      ]);
    }

    // The audit budget: trim or pad (later edits of judgements) to the city's share, then chain.
    const real = chains.reduce((s, c) => s + c.size, 0);
    if (real > auditBudget) {
      let left = auditBudget;
      chains.forEach((c, i) => {
        const keep = i === chains.length - 1 ? left : Math.min(left, Math.round((c.size / real) * auditBudget));
        c.truncate(keep);
        left -= keep;
      });
    } else {
      const assessmentChains = chains.slice(1);
      for (let n = 0; n < auditBudget - real; n++) {
        const chain = assessmentChains[n % assessmentChains.length];
        const characteristic = random.pick(framework.characteristics.filter((c) => c.criteria.length));
        const criterion = random.pick(characteristic.criteria);
        const expert = random.pick(this.global.experts);
        const at = Date.UTC(
          this.latestYear - options.cycles + 1 + ((n % assessmentChains.length) % options.cycles),
          random.int(1, 10),
          random.int(1, 28),
          random.int(0, 23),
          random.int(0, 59),
        );
        chain.add(
          Math.min(at, this.now - DAY),
          expert,
          "judgement.save",
          "criterion_judgement",
          criterion.key,
          { judgement: "partially_met" },
          { judgement: random.pick(["met", "not_met"]) },
        );
      }
    }
    for (const chain of chains) this.nextAuditId = chain.flush(rows.auditEvents, this.nextAuditId, null).nextId;
    return info;
  }

  private payloadFor(
    kind: string,
    characteristic: Characteristic,
    fileId: string | null,
    year: number,
    n: number,
  ): Record<string, unknown> {
    const random = this.random;
    switch (kind) {
      case "document":
        return { fileId, description: "Adopted by the city council." };
      case "link":
        return {
          url: `https://open-data.example.org/${characteristic.key}/${year}/${n}`,
          description: "Published report with the figures.",
        };
      case "kpi":
        return {
          indicatorName: "Share of households with broadband",
          value: random.int(40, 99),
          unit: "%",
          measuredOn: `${year}-06-30`,
          target: 95,
          standard: "iso_37120",
        };
      case "ppp":
        return {
          partnerOrganisation: random.pick(ORGANISATIONS),
          model: "build_operate",
          publicFunding: random.int(1, 50) * 100_000,
          privateFunding: random.int(1, 80) * 100_000,
          currency: random.pick(["EUR", "CNY", "USD"]),
          termYears: random.int(3, 25),
          riskAllocation: "Construction risk with the partner, demand risk with the city.",
          servicesCovered: "Street lighting and sensors",
        };
      default: {
        const questions = flattenQuestionKeys(characteristic.questions);
        return { questionKey: questions.length ? random.pick(questions) : "q", answer: sentences(random, 2, 5) };
      }
    }
  }
}
