import type { Route } from "./config";
import { type Labels, matchesAll } from "./matchers";

/** A route an alert ends at, with the routes above it (root first, the route itself last). */
export interface RouteMatch {
  readonly route: Route;
  readonly path: readonly Route[];
}

/**
 * Alertmanager's `Route.Match` (dispatch/route.go): a route that matches tries its children in
 * order; each matching child contributes its own matches, and the first matching child without
 * `continue` stops the search. A matching route none of whose children matched is itself the
 * match. The root has no matchers, so every alert ends somewhere.
 */
export const matchRoutes = (root: Route, labels: Labels): RouteMatch[] => walk(root, labels, []);

const walk = (route: Route, labels: Labels, above: readonly Route[]): RouteMatch[] => {
  if (!matchesAll(route.matchers, labels)) return [];
  const path = [...above, route];
  const all: RouteMatch[] = [];
  for (const child of route.routes) {
    const found = walk(child, labels, path);
    all.push(...found);
    if (found.length > 0 && !child.continue) break;
  }
  return all.length > 0 ? all : [{ route, path }];
};

/** The receivers in the order Alertmanager (and `amtool config routes test`) lists them. */
export const receiversOf = (matched: readonly RouteMatch[]): string[] => matched.map((m) => m.route.receiver);
