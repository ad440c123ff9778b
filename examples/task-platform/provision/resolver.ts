import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { DescribeLoadBalancersCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import { GetRoleCommand } from "@aws-sdk/client-iam";
import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { isRecord } from "@readiness/core/checklist/model/value";
import type { PlatformClients } from "./clients";
import { ProvisionError } from "./errors";
import type { PlatformTemplate } from "./template";

/** Marks a value that resolves to AWS::NoValue: the property is left out. */
export const NO_VALUE = Symbol("AWS::NoValue");

export interface StackFacts {
  readonly stackName: string;
  readonly accountId: string;
  readonly region: string;
  readonly parameters: Readonly<Record<string, string>>;
  /** Physical ids by logical id: the stack's resources plus what the provisioner created itself. */
  readonly physical: Map<string, string>;
}

/**
 * Resolves the intrinsic functions the platform templates use (Ref, Fn::GetAtt, Fn::Sub,
 * Fn::Select) against what the endpoint actually created, reading attributes through the SDK.
 */
export class Resolver {
  private readonly attributes = new Map<string, string>();

  constructor(
    private readonly clients: PlatformClients,
    private readonly template: PlatformTemplate,
    readonly facts: StackFacts,
  ) {}

  async value(input: unknown): Promise<unknown> {
    if (Array.isArray(input)) {
      const items = await Promise.all(input.map((item) => this.value(item)));
      return items.filter((item) => item !== NO_VALUE);
    }
    if (!isRecord(input)) return input;
    const keys = Object.keys(input);
    if (keys.length === 1) {
      const [key] = keys;
      const argument = input[key];
      if (key === "Ref") return this.ref(String(argument));
      if (key === "Fn::GetAtt") {
        const [id, attribute] = Array.isArray(argument) ? argument.map(String) : String(argument).split(/\.(.*)/s);
        return this.attribute(id, attribute);
      }
      if (key === "Fn::Sub") return this.sub(argument);
      if (key === "Fn::Select") {
        const [index, list] = Array.isArray(argument) ? argument : [];
        const items = await this.value(list);
        return Array.isArray(items) ? items[Number(index)] : undefined;
      }
      if (key.startsWith("Fn::")) throw new ProvisionError(`${key} is not supported by the platform provisioner`);
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const resolved = await this.value(input[key]);
      if (resolved !== NO_VALUE) out[key] = resolved;
    }
    return out;
  }

  /** Like value, for a string-valued property. */
  async text(input: unknown): Promise<string> {
    const resolved = await this.value(input);
    if (typeof resolved !== "string" && typeof resolved !== "number")
      throw new ProvisionError(`expected a string, got ${JSON.stringify(resolved)} from ${JSON.stringify(input)}`);
    return String(resolved);
  }

  physicalId(logicalId: string): string {
    const id = this.facts.physical.get(logicalId);
    if (id === undefined)
      throw new ProvisionError(
        `resource ${logicalId} has no physical id on the endpoint`,
        "was the stack created completely?",
      );
    return id;
  }

  private ref(name: string): unknown {
    const { facts } = this;
    switch (name) {
      case "AWS::Region":
        return facts.region;
      case "AWS::AccountId":
        return facts.accountId;
      case "AWS::Partition":
        return "aws";
      case "AWS::StackName":
        return facts.stackName;
      case "AWS::URLSuffix":
        return "amazonaws.com";
      case "AWS::NoValue":
        return NO_VALUE;
    }
    if (name in facts.parameters) return facts.parameters[name];
    const declared = this.template.parameters[name];
    if (declared) return declared.Default;
    return this.physicalId(name);
  }

  private async sub(argument: unknown): Promise<string> {
    const [text, variables] = Array.isArray(argument) ? argument : [argument, {}];
    const local = isRecord(variables) ? variables : {};
    let result = "";
    let rest = String(text);
    for (let match = /\$\{([^}]*)\}/.exec(rest); match; match = /\$\{([^}]*)\}/.exec(rest)) {
      result += rest.slice(0, match.index);
      rest = rest.slice(match.index + match[0].length);
      const name = match[1];
      if (name.startsWith("!")) result += `\${${name.slice(1)}}`;
      else if (name in local) result += String(await this.value(local[name]));
      else if (name.includes(".") && !name.startsWith("AWS::")) {
        const dot = name.indexOf(".");
        result += await this.attribute(name.slice(0, dot), name.slice(dot + 1));
      } else result += String(this.ref(name));
    }
    return result + rest;
  }

  /** Fn::GetAtt: the attributes the platform templates use, read from the endpoint once each. */
  async attribute(logicalId: string, attribute: string): Promise<string> {
    const key = `${logicalId}.${attribute}`;
    const known = this.attributes.get(key);
    if (known !== undefined) return known;
    const value = await this.readAttribute(logicalId, attribute);
    this.attributes.set(key, value);
    return value;
  }

  private async readAttribute(logicalId: string, attribute: string): Promise<string> {
    const resource = this.template.resources.find((r) => r.logicalId === logicalId);
    const id = this.physicalId(logicalId);
    const type = resource?.type ?? "";
    const { clients } = this;
    switch (`${type}.${attribute}`) {
      case "AWS::IAM::Role.Arn": {
        const { Role } = await clients.iam.send(new GetRoleCommand({ RoleName: id }));
        if (Role?.Arn) return Role.Arn;
        break;
      }
      case "AWS::SQS::Queue.Arn": {
        const { Attributes } = await clients.sqs.send(
          new GetQueueAttributesCommand({ QueueUrl: id, AttributeNames: ["QueueArn"] }),
        );
        if (Attributes?.QueueArn) return Attributes.QueueArn;
        break;
      }
      case "AWS::SQS::Queue.QueueName":
        return id.slice(id.lastIndexOf("/") + 1);
      case "AWS::DynamoDB::Table.Arn": {
        const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: id }));
        if (Table?.TableArn) return Table.TableArn;
        break;
      }
      case "AWS::Logs::LogGroup.Arn":
        return `arn:aws:logs:${this.facts.region}:${this.facts.accountId}:log-group:${id}:*`;
      case "AWS::ElasticLoadBalancingV2::LoadBalancer.LoadBalancerFullName":
        return id.slice(id.indexOf(":loadbalancer/") + ":loadbalancer/".length);
      case "AWS::ElasticLoadBalancingV2::LoadBalancer.DNSName": {
        const { LoadBalancers } = await clients.elbv2.send(
          new DescribeLoadBalancersCommand({ LoadBalancerArns: [id] }),
        );
        const dns = LoadBalancers?.[0]?.DNSName;
        if (dns) return dns;
        break;
      }
      case "AWS::ElasticLoadBalancingV2::TargetGroup.TargetGroupFullName":
        return id.slice(id.indexOf(":targetgroup/") + 1);
      case "AWS::ECS::Service.Name":
        return id.slice(id.lastIndexOf("/") + 1);
      default:
        throw new ProvisionError(
          `Fn::GetAtt ${key(logicalId, attribute)} (${type}) is not supported by the platform provisioner`,
        );
    }
    throw new ProvisionError(`the endpoint returned no ${attribute} for ${logicalId} (${id})`);
  }
}

const key = (logicalId: string, attribute: string): string => `${logicalId}.${attribute}`;
