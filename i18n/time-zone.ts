/**
 * The time zone dates are shown in, the same on the server and in the browser (so rendered markup
 * matches at hydration and next-intl never falls back to the environment's zone). UTC by default:
 * one deployment can serve cities from Brussels to Shanghai, and UTC misleads no one of them about
 * which zone a time is in. A deployment for one city sets APP_TIME_ZONE (an IANA name such as
 * "Europe/Brussels" or "Asia/Shanghai"); an unknown name falls back to UTC rather than failing.
 */
import { type EnvSource, envOf } from "@/env";
export const DEFAULT_TIME_ZONE = "UTC";

export function appTimeZone(source?: EnvSource): string {
  const configured = envOf(source).APP_TIME_ZONE;
  if (!configured) return DEFAULT_TIME_ZONE;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: configured }).resolvedOptions().timeZone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}
