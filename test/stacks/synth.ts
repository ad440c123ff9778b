import { Template } from "aws-cdk-lib/assertions";
import { App, getStack, type StackContext } from "sst/constructs";
import { initProject } from "sst/project.js";
import { applyAppDefaults } from "../../stacks/support/app-defaults";

/** A well-formed account id, so ARNs and SourceAccount in the templates are valid for cfn-lint. */
export const TEST_ACCOUNT = "123456789012";

type StackFunction = (ctx: StackContext) => unknown;

/**
 * Synthesizes stacks with SST's own constructs, offline. vitest sets NODE_ENV=test, which makes
 * SST skip its AWS lookups (bootstrap bucket, sourcemap uploader); functions are still built
 * with esbuild in `app.finish()` (deploy mode), exactly as `sst deploy` builds them.
 */
export const synthesize = async (
  stage: string,
  stacks: readonly StackFunction[],
): Promise<Map<StackFunction, Template>> => {
  await initProject({ stage });
  const app = new App({ mode: "deploy", stage, name: "readiness", region: "us-east-1", account: TEST_ACCOUNT });
  applyAppDefaults(app);
  for (const stack of stacks) app.stack(stack);
  await app.finish();
  return new Map(stacks.map((stack) => [stack, Template.fromStack(getStack(stack))]));
};
