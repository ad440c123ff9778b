import { type IAMClient, SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { LiveApiError, LiveReadError, translateSdkError } from "../adapters/live/errors";
import { SIMULATE_ACTION } from "./actions";

/** The simulator's answer for one action: "allowed", "explicitDeny" or "implicitDeny". */
export type SimulatedDecision = string;

/** Decisions by action name, lower-cased (IAM action names are case-insensitive). */
export type SimulatedDecisions = ReadonlyMap<string, SimulatedDecision>;

export type Simulation =
  | { readonly ok: true; readonly decisions: SimulatedDecisions }
  | { readonly ok: false; readonly error: LiveReadError };

/** A runaway endpoint that keeps answering "truncated" must not loop forever. */
const MAX_PAGES = 100;

/**
 * Asks IAM whether the role's policies (inline, attached, permissions boundary) allow each action,
 * following `Marker` to the last page. A denied call, an endpoint without the API or any other API
 * failure comes back as a typed read error; no network or no credentials is thrown, since it ends
 * the whole run rather than one role.
 */
export async function simulateRoleActions(
  iam: IAMClient,
  roleArn: string,
  actions: readonly string[],
): Promise<Simulation> {
  const decisions = new Map<string, SimulatedDecision>();
  let marker: string | undefined;
  try {
    for (let page = 1; ; page++) {
      const answer = await iam.send(
        new SimulatePrincipalPolicyCommand({ PolicySourceArn: roleArn, ActionNames: [...actions], Marker: marker }),
      );
      for (const result of answer.EvaluationResults ?? [])
        if (result.EvalActionName && result.EvalDecision)
          decisions.set(result.EvalActionName.toLowerCase(), result.EvalDecision);
      if (!answer.IsTruncated) return { ok: true, decisions };
      if (!answer.Marker || answer.Marker === marker || page >= MAX_PAGES)
        return {
          ok: false,
          error: new LiveApiError(SIMULATE_ACTION, `truncated answer without a usable Marker after ${page} pages`),
        };
      marker = answer.Marker;
    }
  } catch (error) {
    const translated = translateSdkError(error, SIMULATE_ACTION);
    if (translated instanceof LiveReadError) return { ok: false, error: translated };
    throw translated;
  }
}
