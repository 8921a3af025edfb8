/** Input of "confirm the carried-over judgements of a characteristic" (router and review page). */
import { z } from "zod";
import { validationMessage } from "@/server/validation/validation-messages";
import { CHARACTERISTIC_KEYS } from "@/shared/domain-values";

export const confirmCarriedOverSchema = z.object({
  characteristicKey: z.enum(CHARACTERISTIC_KEYS, { message: validationMessage("validation.characteristic.required") }),
});
export type ConfirmCarriedOverInput = z.infer<typeof confirmCarriedOverSchema>;
