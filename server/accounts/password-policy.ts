import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as zxcvbnCommon from "@zxcvbn-ts/language-common";
import * as zxcvbnEn from "@zxcvbn-ts/language-en";
import { basicPasswordIssues, type PasswordPolicyCode } from "./password-policy-messages";

/**
 * The password rule, pure: at least 10 characters, not only whitespace, and not trivially
 * guessable. "Guessable" is zxcvbn's estimate (common passwords, dictionary words, names,
 * keyboard walks, repeats, sequences, dates, and the user's own email and name) with a score of at
 * least 3 of 4, i.e. about 10^8 guesses: safely beyond online guessing, which sign-in throttling
 * also caps, while passphrases of three or four ordinary words still pass. Score 2 (10^6 guesses)
 * lets through passwords like "Password2024!", so it is not enough on its own.
 */
export const MIN_ZXCVBN_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;

function strengthEstimator(): ZxcvbnFactory {
  // Building the dictionaries takes ~100 ms, so once per process and only when first needed.
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: zxcvbnEn.translations,
  });
  return estimator;
}

/** The rules the password breaks ([] when it is acceptable). `userInputs`: the email, the name. */
export function passwordPolicyIssues(password: string, userInputs: readonly string[] = []): PasswordPolicyCode[] {
  const basic = basicPasswordIssues(password);
  if (basic.length > 0) return basic;
  const inputs = userInputs.flatMap((input) => [input, ...input.split(/[@.\s_+-]+/)]).filter((s) => s.length >= 3);
  const { score } = strengthEstimator().check(password, inputs);
  return score >= MIN_ZXCVBN_SCORE ? [] : ["tooWeak"];
}
