import * as z from "../../kernel/validation/zod";

/** Parameter shapes several items share. */

/** How long recorded evidence counts; older evidence is stale, and stale is non-compliant. */
export const evidenceWindow = (meaning = "evidence window: days recorded evidence counts before it is stale") => ({
  validityDays: z._default(z.int().check(z.positive()), 30).check(z.describe(meaning)),
});

/** An IAM action as SimulatePrincipalPolicy takes it: `service:Action` (3–128 characters). */
export const iamActionName = z.string().check(
  z.maxLength(128),
  z.regex(/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/, {
    error: (issue) =>
      `"${String(issue.input)}" is not an IAM action: write the service prefix, a colon and the action (e.g. s3:DeleteBucket)`,
  }),
);
