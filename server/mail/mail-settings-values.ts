/** How often notification e-mails go out (no imports: client components share them). */
export const DIGEST_FREQUENCIES = ["immediate", "daily", "weekly", "off"] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];
