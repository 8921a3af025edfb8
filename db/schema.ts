// drizzle-kit and the drizzle client read the whole schema from this one module.

export * from "./schema/assessments";
export * from "./schema/audit";
export * from "./schema/audit-checkpoints";
export * from "./schema/cache-invalidations";
export * from "./schema/enums";
export * from "./schema/evidence";
export * from "./schema/good-practice";
export * from "./schema/identity";
export * from "./schema/kpis";
export * from "./schema/mail";
export * from "./schema/notifications";
export * from "./schema/participation";
export * from "./schema/plans";
export * from "./schema/privacy";
export * from "./schema/rate-limits";
export * from "./schema/sso";
