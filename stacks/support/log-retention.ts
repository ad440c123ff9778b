import { LogRetention, RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Stack } from "sst/constructs";

/**
 * SST adds a custom-resource handler function to every stack without a log retention; give its
 * log group the app's retention too, so no function of the app logs forever.
 */
export const retainCustomResourceHandlerLogs = (stack: Stack): void => {
  new LogRetention(stack, "CustomResourceHandlerLogRetention", {
    logGroupName: `/aws/lambda/${stack.customResourceHandler.functionName}`,
    retention: RetentionDays.ONE_MONTH,
  });
};
