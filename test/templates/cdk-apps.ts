/**
 * CDK apps synthesized offline into a cloud assembly, as `cdk synth` writes it: the shapes issue 8
 * met in real projects. Each function returns the assembly folder (cdk.out).
 */
import { App, Duration, NestedStack, Stack, Stage } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as patterns from "aws-cdk-lib/aws-ecs-patterns";
import * as sqs from "aws-cdk-lib/aws-sqs";

const ENV = { account: "123456789012", region: "eu-west-1" };
const IMAGE = "public.ecr.aws/nginx/nginx:1.27";

export interface SynthOptions {
  /**
   * false: as `cdk synth --no-path-metadata --no-asset-metadata` (and CDK Pipelines' synth step)
   * writes it: no `aws:asset:path` on nested stacks, whose templates are then named only by hash.
   */
  readonly pathMetadata?: boolean;
}

const newApp = (outdir: string, { pathMetadata = true }: SynthOptions): App =>
  new App({
    outdir,
    context: { "aws:cdk:enable-path-metadata": pathMetadata, "aws:cdk:enable-asset-metadata": pathMetadata },
  });

/** A Stage (as CDK Pipelines deploys) holding a stack with an ApplicationLoadBalancedFargateService. */
export const synthStageApp = (outdir: string, options: SynthOptions = {}): string => {
  const app = newApp(outdir, options);
  const stage = new Stage(app, "Prod", { env: ENV });
  const stack = new Stack(stage, "Web");
  const vpc = new ec2.Vpc(stack, "Vpc", { maxAzs: 2, natGateways: 1 });
  new patterns.ApplicationLoadBalancedFargateService(stack, "Api", {
    vpc,
    desiredCount: 2,
    taskImageOptions: { image: ecs.ContainerImage.fromRegistry(IMAGE) },
  });
  app.synth();
  return outdir;
};

/** A stack whose queues live in a NestedStack, beside a QueueProcessingFargateService that consumes them. */
export const synthNestedStackApp = (outdir: string, options: SynthOptions = {}): string => {
  const app = newApp(outdir, options);
  const stack = new Stack(app, "Worker", { env: ENV });
  const queues = new NestedStack(stack, "Queues");
  const deadLetters = new sqs.Queue(queues, "DeadLetters", { retentionPeriod: Duration.days(14) });
  const jobs = new sqs.Queue(queues, "Jobs", { deadLetterQueue: { queue: deadLetters, maxReceiveCount: 5 } });
  const vpc = new ec2.Vpc(stack, "Vpc", { maxAzs: 2, natGateways: 1 });
  new patterns.QueueProcessingFargateService(stack, "Processor", {
    vpc,
    queue: jobs,
    image: ecs.ContainerImage.fromRegistry(IMAGE),
  });
  app.synth();
  return outdir;
};

/** Both at once: a Stage whose stack has a NestedStack (CDK Pipelines deploying nested stacks). */
export const synthStageWithNestedStack = (outdir: string, options: SynthOptions = {}): string => {
  const app = newApp(outdir, options);
  const stage = new Stage(app, "Staging", { env: ENV });
  const stack = new Stack(stage, "Data");
  const nested = new NestedStack(stack, "Tables");
  new sqs.Queue(nested, "Events", { fifo: true });
  app.synth();
  return outdir;
};

/** An empty stack (only CDK's bootstrap-version rule, no Resources section) beside one with a queue. */
export const synthWithEmptyStack = (outdir: string): string => {
  const app = newApp(outdir, {});
  new Stack(app, "Empty", { env: ENV });
  const full = new Stack(app, "Full", { env: ENV });
  new sqs.Queue(full, "Jobs");
  app.synth();
  return outdir;
};
