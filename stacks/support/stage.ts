/**
 * Stages that hold nothing worth keeping: personal dev stages, test synths, pull-request previews.
 * Every other stage (prod, staging, ...) keeps its data: RETAIN and deletion protection.
 */
export const isEphemeralStage = (stage: string): boolean =>
  stage === "dev" || stage === "test" || stage === "local" || /^(dev|pr|test)-/.test(stage);
