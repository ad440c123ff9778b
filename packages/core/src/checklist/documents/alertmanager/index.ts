export type { AlertmanagerConfig, Receiver, Route } from "./config";
export { readAlertmanagerConfig } from "./config";
export type { AlertRoutingInput, RequiredAlert } from "./decide";
export { decideAlertRouting } from "./decide";
export type { Labels, Matcher, MatchType } from "./matchers";
export { parseMatchers } from "./matchers";
export type { RouteMatch } from "./route-tree";
export { matchRoutes, receiversOf } from "./route-tree";
