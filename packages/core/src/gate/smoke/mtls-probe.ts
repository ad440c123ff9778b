import { isIP } from "node:net";
import tls from "node:tls";
import { type ParsedEndpoint, parseEndpoint } from "./endpoint";
import { loadClientTls, SecretUnavailableError, type TlsMaterialIo } from "./tls-material";
import { type ClientTlsMaterial, describeTlsError } from "./transport";
import type { SmokeTarget } from "./types";

export interface MtlsProbeResult {
  readonly verdict: "pass" | "fail" | "unknown";
  readonly reason: string;
  /** What each handshake did (absent where it was not attempted): the evidence's figures. */
  readonly observed?: {
    readonly endpoint: string;
    /** The handshake with the configured client certificate: accepted, refused, not-tls, untrusted-server, unreachable. */
    readonly withCertificate?: Handshake["kind"];
    readonly withoutCertificate?: Handshake["kind"];
    /** The TLS version the accepted handshake negotiated (TLSv1.3). */
    readonly protocol?: string;
  };
}

export interface MtlsProbeOptions extends TlsMaterialIo {
  /** Per handshake, waiting for the server's first bytes included (default 5000). */
  readonly timeoutMs?: number;
}

/** How one handshake attempt ended. */
type Handshake =
  | { readonly kind: "accepted"; readonly protocol?: string }
  | { readonly kind: "refused"; readonly detail: string }
  | { readonly kind: "not-tls"; readonly detail: string }
  | { readonly kind: "untrusted-server"; readonly detail: string }
  | { readonly kind: "unreachable"; readonly detail: string };

/**
 * The `mtls` item's probe: a TLS handshake with the configured client certificate must succeed
 * and one without a client certificate must be refused. The certificate is tried first, so a
 * refusal without it is known to be about the missing certificate, not about TLS itself.
 */
export const probeMtls = async (target: SmokeTarget, options: MtlsProbeOptions = {}): Promise<MtlsProbeResult> => {
  const endpoint = parseProbeEndpoint(target);
  if (!endpoint.secure)
    return { verdict: "fail", reason: `${target.endpoint} is plain ${target.protocol}: no TLS, so no mTLS` };
  let material: ClientTlsMaterial | undefined;
  try {
    material = await loadClientTls(target.tls, options);
  } catch (error) {
    if (error instanceof SecretUnavailableError) return { verdict: "unknown", reason: error.message };
    throw error;
  }
  if (!material?.cert || !material.key)
    return {
      verdict: "unknown",
      reason:
        "no client certificate configured (tls.certFile + tls.keyFile, or tls.secretId): cannot show that one is accepted",
    };
  const timeoutMs = options.timeoutMs ?? 5_000;

  const withCert = await handshake(endpoint, material, timeoutMs);
  const first = { endpoint: endpoint.address, withCertificate: withCert.kind };
  switch (withCert.kind) {
    case "unreachable":
      return { verdict: "unknown", reason: `cannot reach ${endpoint.address}: ${withCert.detail}`, observed: first };
    case "untrusted-server":
      return {
        verdict: "unknown",
        reason: `cannot verify the server's certificate: ${withCert.detail}`,
        observed: first,
      };
    case "not-tls":
      return {
        verdict: "fail",
        reason: `${endpoint.address} does not speak TLS (${withCert.detail}), so mTLS is not enforced`,
        observed: first,
      };
    case "refused":
      return {
        verdict: "fail",
        reason: `the configured client certificate was refused: ${withCert.detail}`,
        observed: first,
      };
  }

  const withoutCert = await handshake(endpoint, { ca: material.ca }, timeoutMs);
  const observed = {
    ...first,
    withoutCertificate: withoutCert.kind,
    ...(withCert.protocol ? { protocol: withCert.protocol } : {}),
  };
  switch (withoutCert.kind) {
    case "accepted":
      return {
        verdict: "fail",
        reason: `${endpoint.address} accepted a TLS connection without a client certificate`,
        observed,
      };
    case "refused":
      return {
        verdict: "pass",
        reason: `a handshake without a client certificate is refused (${withoutCert.detail}); the configured certificate is accepted`,
        observed,
      };
    default:
      return {
        verdict: "unknown",
        reason: `the handshake without a client certificate ended oddly: ${withoutCert.detail}`,
        observed,
      };
  }
};

// The probe judges a plain http:// endpoint instead of rejecting it: "no TLS" is its finding.
const parseProbeEndpoint = (target: SmokeTarget): ParsedEndpoint =>
  target.protocol === "http" && /^http:\/\//i.test(target.endpoint)
    ? parseEndpoint({ protocol: target.protocol, endpoint: target.endpoint })
    : parseEndpoint(target);

/** What the client says first, so a server that accepted the handshake answers with bytes. */
const hello = (endpoint: ParsedEndpoint): Buffer =>
  endpoint.protocol === "grpc"
    ? Buffer.concat([Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"), Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0])])
    : Buffer.from(`HEAD / HTTP/1.1\r\nHost: ${endpoint.host}\r\nConnection: close\r\n\r\n`);

const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
]);
const UNTRUSTED_CODES =
  /^(UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|CERT_|ERR_TLS_CERT_ALTNAME_INVALID)/;

/**
 * One handshake, then the protocol's first words. With TLS 1.3 the server checks the client
 * certificate after the client considers the handshake done, so "accepted" means the server sent
 * application bytes; a refusal arrives as an alert (an error) or a close.
 */
const handshake = (endpoint: ParsedEndpoint, material: ClientTlsMaterial, timeoutMs: number): Promise<Handshake> =>
  new Promise((resolve) => {
    let secured = false;
    const socket = tls.connect({
      host: endpoint.host,
      port: endpoint.port,
      servername: isIP(endpoint.host) ? undefined : endpoint.host,
      ca: material.ca,
      cert: material.cert,
      key: material.key,
      ALPNProtocols: endpoint.protocol === "grpc" ? ["h2"] : ["http/1.1"],
    });
    const done = (result: Handshake) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () =>
        done({
          kind: "unreachable",
          detail: `no answer within ${timeoutMs} ms${secured ? " after the handshake" : ""}`,
        }),
      timeoutMs,
    );
    let protocol: string | undefined;
    socket.once("secureConnect", () => {
      secured = true;
      protocol = socket.getProtocol() ?? undefined;
      socket.write(hello(endpoint));
    });
    socket.once("data", () => done({ kind: "accepted", ...(protocol ? { protocol } : {}) }));
    socket.once("error", (error: NodeJS.ErrnoException) => done(classify(error, secured)));
    socket.once("close", () =>
      done({
        kind: "refused",
        detail: `the server closed the connection ${secured ? "after" : "during"} the handshake`,
      }),
    );
  });

const classify = (error: NodeJS.ErrnoException, secured: boolean): Handshake => {
  const code = error.code ?? "";
  const detail = describeTlsError(error);
  if (UNREACHABLE_CODES.has(code)) return { kind: "unreachable", detail };
  if (secured) return { kind: "refused", detail };
  if (/wrong version number|packet length too long|http request/i.test(error.message))
    return { kind: "not-tls", detail };
  if (UNTRUSTED_CODES.test(code)) return { kind: "untrusted-server", detail };
  return { kind: "refused", detail };
};
