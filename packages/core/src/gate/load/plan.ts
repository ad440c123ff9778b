/**
 * Enough connections for the rate at 100 ms a request (Little's law: in flight = rate × latency),
 * and never fewer than 10. A connection opens only when every open one is busy, so a fast target
 * uses a handful whatever the limit; the limit matters when the target slows down, and then a
 * request due with all connections busy waits, its wait counts, and the rate may not hold.
 */
export const defaultConnections = (rps: number): number => Math.max(10, Math.ceil(rps / 10));
