import { SmokeConfigError } from "./errors";
import { SMOKE_PROTOCOLS, type SmokeTarget } from "./types";

/** Where and how to connect, parsed from a target's endpoint. */
export interface ParsedEndpoint {
  readonly protocol: "http" | "grpc";
  /** HTTP: the base URL, always ending with "/", that `tasks` is resolved against. */
  readonly baseUrl: URL;
  /** Host name or IP without brackets, for TLS (servername) and sockets. */
  readonly host: string;
  readonly port: number;
  /** gRPC target "host:port" (IPv6 in brackets). */
  readonly address: string;
  readonly secure: boolean;
}

const HINTS = {
  http: "give a base URL such as http://127.0.0.1:8080 or https://api.example.com/prefix",
  grpc: "give host:port, grpc://host:port or grpcs://host:port (TLS)",
} as const;

export const parseEndpoint = (target: SmokeTarget): ParsedEndpoint => {
  if (!SMOKE_PROTOCOLS.includes(target.protocol))
    throw new SmokeConfigError(`unknown smoke protocol "${target.protocol}"`, undefined, "use http or grpc");
  const hasTls = Boolean(target.tls && (target.tls.caFile || target.tls.certFile || target.tls.secretId));
  return target.protocol === "http" ? parseHttp(target.endpoint, hasTls) : parseGrpc(target.endpoint, hasTls);
};

const parseHttp = (endpoint: string, hasTls: boolean): ParsedEndpoint => {
  const url = parseUrl(endpoint, "http");
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new SmokeConfigError(`HTTP endpoint ${endpoint} must start with http:// or https://`, undefined, HINTS.http);
  const secure = url.protocol === "https:";
  if (hasTls && !secure)
    throw new SmokeConfigError(
      `TLS settings were given but the endpoint ${endpoint} is plain http://`,
      undefined,
      "use an https:// endpoint, or drop the certificate options",
    );
  if (url.search || url.hash)
    throw new SmokeConfigError(`HTTP endpoint ${endpoint} has a query or fragment`, undefined, HINTS.http);
  const baseUrl = new URL(url.href.endsWith("/") ? url.href : `${url.href}/`);
  const port = url.port ? Number(url.port) : secure ? 443 : 80;
  return { protocol: "http", baseUrl, host: unbracket(url.hostname), port, address: `${url.hostname}:${port}`, secure };
};

const parseGrpc = (endpoint: string, hasTls: boolean): ParsedEndpoint => {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `grpc://${endpoint}`;
  const url = parseUrl(withScheme, "grpc", endpoint);
  if (url.protocol !== "grpc:" && url.protocol !== "grpcs:")
    throw new SmokeConfigError(`gRPC endpoint ${endpoint} must be host:port, grpc:// or grpcs://`, undefined, HINTS.grpc);
  if (url.pathname && url.pathname !== "/" && url.pathname !== "")
    throw new SmokeConfigError(`gRPC endpoint ${endpoint} must not have a path`, undefined, HINTS.grpc);
  const secure = url.protocol === "grpcs:" || hasTls;
  const port = url.port ? Number(url.port) : secure ? 443 : undefined;
  if (port === undefined)
    throw new SmokeConfigError(`gRPC endpoint ${endpoint} has no port`, undefined, HINTS.grpc);
  return {
    protocol: "grpc",
    baseUrl: url,
    host: unbracket(url.hostname),
    port,
    address: `${url.hostname}:${port}`,
    secure,
  };
};

const parseUrl = (text: string, protocol: "http" | "grpc", shown = text): URL => {
  try {
    const url = new URL(text);
    if (!url.hostname) throw new Error("no host");
    return url;
  } catch (error) {
    throw new SmokeConfigError(`${shown} is not a valid ${protocol} endpoint`, undefined, HINTS[protocol], { cause: error });
  }
};

const unbracket = (host: string): string => host.replace(/^\[(.*)\]$/, "$1");
