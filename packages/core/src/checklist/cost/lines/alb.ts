import type { Resource } from "../../model/resource";
import { isUnknown } from "../../model/value";
import {
  type CostLine,
  type EstimateContext,
  fmt,
  HOURS_PER_MONTH,
  input,
  linesOfEachInScope,
  notPriced,
  priced,
  round,
} from "../line";

const LOAD_BALANCER = "AWS::ElasticLoadBalancingV2::LoadBalancer";
const LISTENER = "AWS::ElasticLoadBalancingV2::Listener";
const LISTENER_RULE = "AWS::ElasticLoadBalancingV2::ListenerRule";

/** What one LCU covers, per dimension (AWS's Elastic Load Balancing pricing page). */
const LCU = { newConnectionsPerSecond: 25, activeConnections: 3000, gbPerHour: 1, ruleEvaluationsPerSecond: 1000 };
/** Rule evaluations are free for the first 10 rules of a request. */
const FREE_RULES = 10;

/**
 * Application Load Balancers: 730 load-balancer hours, and the LCUs of the assumed traffic: the
 * largest of new connections, active connections, processed GB and rule evaluations, each divided
 * by what one LCU covers. Every ALB in scope is assumed to carry all the API's requests.
 */
export const albLines = (ctx: EstimateContext): CostLine[] =>
  linesOfEachInScope(ctx, LOAD_BALANCER, { service: "alb", what: "load balancer" }, balancerLines);

const balancerLines = (ctx: EstimateContext, balancer: Resource): CostLine[] => {
  const name = typeof balancer.properties.Name === "string" ? balancer.properties.Name : balancer.id;
  const type = balancer.properties.Type ?? "application";
  if (type !== "application")
    return [
      notPriced(
        "alb",
        name,
        balancer.id,
        "load balancer",
        `a ${String(type)} load balancer: this estimate prices ALBs only`,
      ),
    ];
  const base = { service: "alb" as const, resource: name, resourceId: balancer.id };
  const rate = ctx.assumptions.get("requestsPerSecond");
  const perConnection = ctx.assumptions.get("requestsPerConnection");
  const connectionSeconds = ctx.assumptions.get("connectionSeconds");
  const requestKb = ctx.assumptions.get("requestKb");
  const responseKb = ctx.assumptions.get("responseKb");
  const rules = ruleCount(ctx, balancer);

  const newConnections = rate.value / perConnection.value;
  // Little's law: connections open at once = arrival rate × how long each stays open.
  const activeConnections = newConnections * connectionSeconds.value;
  const gbPerHour = (rate.value * 3600 * (requestKb.value + responseKb.value)) / 1024 ** 2;
  const ruleEvaluations = rate.value * Math.max(0, rules - FREE_RULES);
  const dimensions = {
    "new connections": newConnections / LCU.newConnectionsPerSecond,
    "active connections": activeConnections / LCU.activeConnections,
    "processed GB": gbPerHour / LCU.gbPerHour,
    "rule evaluations": ruleEvaluations / LCU.ruleEvaluationsPerSecond,
  };
  const [largest, lcus] = Object.entries(dimensions).reduce((a, b) => (b[1] > a[1] ? b : a));
  return [
    priced(ctx.prices, {
      ...base,
      item: "load balancer hours",
      quantity: HOURS_PER_MONTH,
      priceKey: "alb.hour",
      formula: `${HOURS_PER_MONTH} h`,
      inputs: [],
    }),
    priced(ctx.prices, {
      ...base,
      item: "LCU",
      quantity: lcus * HOURS_PER_MONTH,
      priceKey: "alb.lcuHour",
      formula:
        `max(${fmt(round(newConnections, 4))} new conn/s ÷ 25, ${fmt(round(activeConnections, 4))} active conn ÷ 3,000, ` +
        `${fmt(round(gbPerHour, 4))} GB/h ÷ 1, ${fmt(round(ruleEvaluations, 4))} rule evals/s ÷ 1,000) = ${fmt(round(lcus, 6))} LCU (${largest}) × ${HOURS_PER_MONTH} h`,
      inputs: [
        input("requests/s", rate),
        input("requests per connection", perConnection),
        input("connection s", connectionSeconds),
        input("request KB", requestKb),
        input("response KB", responseKb),
        { name: "listener rules", value: rules, from: "ListenerRule resources of its listeners" },
      ],
    }),
  ];
};

/** Listener rules (besides each listener's default action) of the balancer's listeners. */
const ruleCount = (ctx: EstimateContext, balancer: Resource): number => {
  const listeners = new Set(
    ctx.inventory
      .ofType(LISTENER)
      .filter((listener) => ctx.inventory.lookup(listener.properties.LoadBalancerArn) === balancer),
  );
  return ctx.inventory.ofType(LISTENER_RULE).filter((rule) => {
    const listener = ctx.inventory.lookup(rule.properties.ListenerArn);
    return listener !== undefined && !isUnknown(listener) && listeners.has(listener);
  }).length;
};
