/** Wraps each SDK client as it is created (a handler passes the tracer's captureAWSv3Client). */
export type ClientWrapper = <T>(client: T) => T;

export const unwrapped: ClientWrapper = (client) => client;

/** An SDK client's configuration: the region, and the endpoint only when one is set (else the SDK's default). */
export const sdkClientConfig = (settings: {
  readonly region: string;
  readonly endpoint?: string;
}): { region: string; endpoint?: string } => ({
  region: settings.region,
  ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
});

/**
 * The injected clients (a test's, pointed at the emulator), or the function's own, created on first
 * use (the first invocation, not the import: a cold start pays for them once) and reused while the
 * container is warm.
 */
export const lazyClients = <Clients>(create: () => Clients, injected?: Clients): (() => Clients) => {
  let created: Clients | undefined = injected;
  return () => {
    created ??= create();
    return created;
  };
};
