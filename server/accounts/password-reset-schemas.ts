import { z } from "zod";
import { text } from "@/server/validation/text-schemas";
import { basicPasswordSchema, emailSchema } from "./account-form-schemas";

// Shared by the router and the client forms: no server-only imports here.
export const requestPasswordResetSchema = z.object({ email: emailSchema });
export const resetPasswordFormSchema = z.object({ token: text().min(20).max(200), password: basicPasswordSchema });
export const accountTokenSchema = z.object({ token: text().min(20).max(200) });
