import { z } from "zod";

export const emailSchema = z
  .email({ message: "Enter a valid email address." })
  .trim()
  .toLowerCase()
  .max(254, { message: "Email is too long." });
export const passwordSchema = z
  .string()
  .min(10, { message: "Password must be at least 10 characters." })
  .max(200, { message: "Password is too long." });
export const personNameSchema = z
  .string()
  .trim()
  .min(1, { message: "Enter your name." })
  .max(120, { message: "Name is too long (120 characters at most)." });

export const signUpSchema = z.object({
  email: emailSchema,
  name: personNameSchema,
  password: passwordSchema,
  /** Optional: the city the citizen lives in; makes them a citizen member of it. */
  citySlug: z.string().trim().min(1).max(120).optional(),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const acceptInvitationSchema = z.object({
  token: z.string().min(20, { message: "This invitation link is incomplete." }).max(200),
  name: personNameSchema,
  password: passwordSchema,
});
