import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** PEM files of a throwaway PKI made at test time; no key material is ever committed. */
export interface ThrowawayPki {
  readonly dir: string;
  readonly caFile: string;
  readonly serverCertFile: string;
  readonly serverKeyFile: string;
  /** Signed by the CA: the certificate the server must accept. */
  readonly clientCertFile: string;
  readonly clientKeyFile: string;
  /** Signed by another CA: a certificate the server must refuse. */
  readonly strangerCertFile: string;
  readonly strangerKeyFile: string;
  remove(): void;
}

const CA_CONFIG = `[req]
distinguished_name = dn
prompt = no
x509_extensions = v3_ca
[dn]
CN = readiness throwaway CA
[v3_ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
`;

/**
 * Makes a CA, a server certificate for 127.0.0.1/localhost, a client certificate from the same CA
 * and one from a stranger CA, with the `openssl` command line. Throws (failing the test) when
 * openssl is missing.
 */
export const makeThrowawayPki = (): ThrowawayPki => {
  const dir = mkdtempSync(join(tmpdir(), "readiness-pki-"));
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  const ecKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  writeFileSync(file("ca.cnf"), CA_CONFIG);

  const makeCa = (name: string) =>
    openssl("req", "-x509", ...ecKey, "-keyout", `${name}.key`, "-out", `${name}.pem`, "-days", "2", "-config", "ca.cnf");
  const makeLeaf = (name: string, ca: string, extensions: string) => {
    writeFileSync(file(`${name}.ext`), extensions);
    openssl("req", ...ecKey, "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", `/CN=${name}`);
    openssl("x509", "-req", "-in", `${name}.csr`, "-CA", `${ca}.pem`, "-CAkey", `${ca}.key`, "-CAcreateserial",
      "-out", `${name}.pem`, "-days", "2", "-extfile", `${name}.ext`);
  };
  makeCa("ca");
  makeCa("stranger-ca");
  makeLeaf("server", "ca", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  makeLeaf("client", "ca", "extendedKeyUsage=clientAuth\n");
  makeLeaf("stranger", "stranger-ca", "extendedKeyUsage=clientAuth\n");
  return {
    dir,
    caFile: file("ca.pem"),
    serverCertFile: file("server.pem"),
    serverKeyFile: file("server.key"),
    clientCertFile: file("client.pem"),
    clientKeyFile: file("client.key"),
    strangerCertFile: file("stranger.pem"),
    strangerKeyFile: file("stranger.key"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
};

/**
 * The example task service's environment for mutual TLS with this PKI: its server certificate and
 * key, and the CA whose client certificates it accepts.
 */
export const mutualTlsServerEnv = (pki: ThrowawayPki): Record<string, string> => ({
  TLS_CERT_FILE: pki.serverCertFile,
  TLS_KEY_FILE: pki.serverKeyFile,
  TLS_CLIENT_CA_FILE: pki.caFile,
});
