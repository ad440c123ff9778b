import {
  CreateTrustStoreCommand,
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTrustStoresCommand,
  ModifyListenerCommand,
  ModifyLoadBalancerAttributesCommand,
  ModifyTargetGroupAttributesCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { asArray, asRecord } from "@readiness/core/checklist/model/value";
import { matches } from "../compare";
import { ensure, type ProvisionContext } from "../context";
import { isMissingApi, isNotFound, messageOf } from "../errors";
import { resourcesOfType } from "../template";

type Attributes = { Key: string; Value: string }[];

const attributesOf = async (context: ProvisionContext, value: unknown): Promise<Attributes> =>
  asArray(await context.resolver.value(value)).map((a) => ({
    Key: String(asRecord(a).Key),
    Value: String(asRecord(a).Value),
  }));

const includesAll = (desired: Attributes) => (actual: unknown) =>
  desired.every((d) => asArray(actual).some((a) => asRecord(a).Key === d.Key && String(asRecord(a).Value) === d.Value));

/** Load balancer and target group attributes, and the listener's mutual TLS with its trust store. */
export const reconcileLoadBalancing = async (context: ProvisionContext): Promise<void> => {
  const { clients, resolver } = context;
  for (const group of resourcesOfType(context.template, "AWS::ElasticLoadBalancingV2::TargetGroup")) {
    const desired = await attributesOf(context, group.properties.TargetGroupAttributes);
    if (desired.length === 0) continue;
    const arn = resolver.physicalId(group.logicalId);
    await ensure(context, {
      resource: group.logicalId,
      property: "TargetGroupAttributes",
      desired,
      read: async () =>
        (await clients.elbv2.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }))).Attributes,
      isRight: includesAll(desired),
      apply: async () => {
        await clients.elbv2.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: arn, Attributes: desired }));
      },
      action: "ModifyTargetGroupAttributes",
    });
  }
  for (const balancer of resourcesOfType(context.template, "AWS::ElasticLoadBalancingV2::LoadBalancer")) {
    const desired = await attributesOf(context, balancer.properties.LoadBalancerAttributes);
    if (desired.length === 0) continue;
    const arn = resolver.physicalId(balancer.logicalId);
    try {
      await ensure(context, {
        resource: balancer.logicalId,
        property: "LoadBalancerAttributes",
        desired,
        read: async () =>
          (await clients.elbv2.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }))).Attributes,
        isRight: includesAll(desired),
        apply: async () => {
          await clients.elbv2.send(
            new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: arn, Attributes: desired }),
          );
        },
        action: "ModifyLoadBalancerAttributes",
      });
    } catch (error) {
      // Emulators validate attribute keys against the list they know; an unknown key is a gap, not a failure.
      if (!/InvalidConfigurationRequest|ValidationError|not a valid|unknown/i.test(messageOf(error))) throw error;
      context.ledger.gap(
        balancer.logicalId,
        "LoadBalancerAttributes",
        `endpoint rejects the attributes: ${messageOf(error)}`,
      );
    }
  }
  await reconcileTrustStores(context);
  for (const listener of resourcesOfType(context.template, "AWS::ElasticLoadBalancingV2::Listener")) {
    const declared = asRecord(listener.properties.MutualAuthentication);
    if (Object.keys(declared).length === 0) continue;
    const trustStore = declared.TrustStoreArn;
    const trustStoreId = typeof asRecord(trustStore).Ref === "string" ? String(asRecord(trustStore).Ref) : undefined;
    if (trustStoreId && !resolver.facts.physical.has(trustStoreId)) {
      context.ledger.gap(
        listener.logicalId,
        "MutualAuthentication",
        `trust store ${trustStoreId} could not be created on this endpoint`,
      );
      continue;
    }
    const desired = { Mode: String(declared.Mode), TrustStoreArn: await resolver.text(trustStore) };
    const arn = resolver.physicalId(listener.logicalId);
    await ensure(context, {
      resource: listener.logicalId,
      property: "MutualAuthentication",
      desired,
      read: async () =>
        (await clients.elbv2.send(new DescribeListenersCommand({ ListenerArns: [arn] }))).Listeners?.[0]
          ?.MutualAuthentication,
      isRight: (actual) => matches(desired, actual),
      apply: async () => {
        await clients.elbv2.send(new ModifyListenerCommand({ ListenerArn: arn, MutualAuthentication: desired }));
      },
      action: "ModifyListener MutualAuthentication",
    });
  }
};

/** Trust stores the endpoint's CloudFormation did not create are created through the API (when it has one). */
const reconcileTrustStores = async (context: ProvisionContext): Promise<void> => {
  const { clients, resolver, ledger } = context;
  for (const store of resourcesOfType(context.template, "AWS::ElasticLoadBalancingV2::TrustStore")) {
    if (resolver.facts.physical.has(store.logicalId)) continue;
    const name = await resolver.text(store.properties.Name);
    try {
      const found = await clients.elbv2
        .send(new DescribeTrustStoresCommand({ Names: [name] }))
        .then((r) => r.TrustStores?.[0]?.TrustStoreArn)
        .catch((error: unknown) => {
          if (isNotFound(error)) return undefined;
          throw error;
        });
      const arn =
        found ??
        (
          await clients.elbv2.send(
            new CreateTrustStoreCommand({
              Name: name,
              CaCertificatesBundleS3Bucket: await resolver.text(store.properties.CaCertificatesBundleS3Bucket),
              CaCertificatesBundleS3Key: await resolver.text(store.properties.CaCertificatesBundleS3Key),
            }),
          )
        ).TrustStores?.[0]?.TrustStoreArn;
      if (!found && arn) ledger.change(store.logicalId, "CreateTrustStore");
      if (arn) resolver.facts.physical.set(store.logicalId, arn);
    } catch (error) {
      if (!isMissingApi(error)) throw error;
      ledger.gap(store.logicalId, "TrustStore", "endpoint lacks the API (CreateTrustStore/DescribeTrustStores)");
    }
  }
};
