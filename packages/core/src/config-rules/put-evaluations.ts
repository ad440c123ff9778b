import { type ConfigServiceClient, PutEvaluationsCommand } from "@aws-sdk/client-config-service";
import type { Evaluation } from "./evaluation";
import { evaluationKey } from "./evaluation";
import { type PostedEvaluation, postedEvaluationOf } from "./posted-evaluation";

/** PutEvaluations accepts at most 100 evaluations per call. */
export const PUT_EVALUATIONS_BATCH = 100;

export interface RetryPolicy {
  /** Calls per batch, the first included (default 4). */
  readonly maxAttempts: number;
  /** First backoff; doubled each retry, with full jitter (default 200 ms). */
  readonly baseDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 200 };

export interface PostOptions {
  readonly resultToken: string;
  readonly testMode: boolean;
  readonly retry?: RetryPolicy;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

export interface PostReport {
  /** PutEvaluations calls made, retries included. */
  readonly calls: number;
  /** Evaluations Config still refused after the last attempt. */
  readonly failed: readonly Evaluation[];
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The only way evaluations reach PutEvaluations: as `PostedEvaluation`s, which carry no INSUFFICIENT_DATA. */
const putEvaluationsCommand = (batch: readonly PostedEvaluation[], options: PostOptions): PutEvaluationsCommand =>
  new PutEvaluationsCommand({
    Evaluations: [...batch],
    ResultToken: options.resultToken,
    ...(options.testMode ? { TestMode: true } : {}),
  });

/**
 * Posts evaluations in batches of ≤ 100, each as Config accepts it (an undecided one NON_COMPLIANT,
 * "UNDECIDED: …"). Evaluations Config lists in `FailedEvaluations` are re-sent (only those), up to
 * `maxAttempts` calls per batch with exponential backoff; what still fails is returned so the
 * caller can fail the invocation after recording the rest.
 */
export const postEvaluations = async (
  client: ConfigServiceClient,
  evaluations: readonly Evaluation[],
  options: PostOptions,
): Promise<PostReport> => {
  const retry = options.retry ?? DEFAULT_RETRY;
  const wait = options.sleep ?? sleep;
  const random = options.random ?? Math.random;
  let calls = 0;
  const failed: Evaluation[] = [];
  for (let start = 0; start < evaluations.length; start += PUT_EVALUATIONS_BATCH) {
    let pending = evaluations.slice(start, start + PUT_EVALUATIONS_BATCH);
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > 1) await wait(Math.round(random() * retry.baseDelayMs * 2 ** (attempt - 2)));
      calls++;
      const response = await client.send(putEvaluationsCommand(pending.map(postedEvaluationOf), options));
      const refused = new Set(
        (response.FailedEvaluations ?? []).map((f) =>
          evaluationKey({ resourceType: f.ComplianceResourceType ?? "", resourceId: f.ComplianceResourceId ?? "" }),
        ),
      );
      pending = pending.filter((e) => refused.has(evaluationKey(e)));
      if (attempt >= retry.maxAttempts) {
        failed.push(...pending);
        break;
      }
    }
  }
  return { calls, failed };
};
