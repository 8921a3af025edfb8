import { z } from "zod";
import {
  cityListFilterSchema,
  createCity,
  createCitySchema,
  findCityBySlug,
  listCities,
  updateCity,
  updateCitySchema,
} from "@/server/cities/city-directory";
import { revokeInvitationSchema } from "@/server/members/invitation-schemas";
import { inviteMember, listPendingInvitations, revokeInvitation } from "@/server/members/invitations";
import { inviteMemberSchema } from "@/server/members/member-schemas";
import { listCityMembers, revokeMembership } from "@/server/members/memberships";
import { publicProcedure, router } from "@/server/trpc/init";
import { cityProcedure, globalProcedure } from "@/server/trpc/procedures";
import { text } from "@/server/validation/text-schemas";
import { validationMessage } from "@/server/validation/validation-messages";

export const citiesRouter = router({
  list: publicProcedure.input(cityListFilterSchema.optional()).query(({ ctx, input }) => listCities(ctx.db, input)),
  bySlug: publicProcedure.input(z.object({ slug: text().min(1).max(160) })).query(({ ctx, input }) => findCityBySlug(ctx.db, input.slug)),
  create: globalProcedure("city:manage")
    .input(createCitySchema)
    .mutation(({ ctx, input }) => createCity(ctx.db, ctx.actor, input)),
  /** Corrects a city's name, country or region (its address stays); public pages follow at once. */
  update: globalProcedure("city:manage")
    .input(updateCitySchema.extend({ cityId: z.uuid() }))
    .mutation(({ ctx, input: { cityId, ...changes } }) => updateCity(ctx.db, ctx.actor, cityId, changes)),
  members: cityProcedure("member:list").query(({ ctx }) => listCityMembers(ctx.db, ctx.cityId)),
  invite: cityProcedure("member:invite")
    .input(inviteMemberSchema)
    .mutation(({ ctx, input }) => inviteMember(ctx.db, ctx.actor, ctx.cityId, input, ctx.locale ?? "en")),
  /** Invitations not yet accepted, for whoever may invite. */
  invitations: cityProcedure("member:invite").query(({ ctx }) => listPendingInvitations(ctx.db, ctx.cityId)),
  revokeInvitation: cityProcedure("member:revoke")
    .input(revokeInvitationSchema)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.db, ctx.actor, ctx.cityId, input.invitationId)),
  revokeMember: cityProcedure("member:revoke")
    .input(
      z.object({
        membershipId: z.uuid(),
        reason: text()
          .trim()
          .min(3, { message: validationMessage("validation.workflow.reasonRequired") })
          .max(500),
      }),
    )
    .mutation(({ ctx, input }) => revokeMembership(ctx.db, ctx.actor, ctx.cityId, input.membershipId, input.reason)),
});
