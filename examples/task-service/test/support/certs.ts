import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Throwaway PKI generated at test time with openssl: one CA, a server cert (127.0.0.1/localhost), a client cert. */
export interface TestPki {
  readonly dir: string;
  readonly files: { caCert: string; serverCert: string; serverKey: string; clientCert: string; clientKey: string };
  read(file: keyof TestPki["files"]): string;
  remove(): void;
}

const openssl = (dir: string, ...args: string[]): void => {
  execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
};

export function generatePki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), "task-service-pki-"));
  openssl(
    dir,
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "1",
    "-subj",
    "/CN=task-service test CA",
    "-keyout",
    "ca.key",
    "-out",
    "ca.crt",
  );
  const issue = (name: string, subject: string, extensions: string): void => {
    writeFileSync(join(dir, `${name}.ext`), extensions);
    openssl(
      dir,
      "req",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-subj",
      subject,
      "-keyout",
      `${name}.key`,
      "-out",
      `${name}.csr`,
    );
    openssl(
      dir,
      "x509",
      "-req",
      "-in",
      `${name}.csr`,
      "-CA",
      "ca.crt",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-days",
      "1",
      "-extfile",
      `${name}.ext`,
      "-out",
      `${name}.crt`,
    );
  };
  issue("server", "/CN=localhost", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  issue("client", "/CN=smoke-test client", "extendedKeyUsage=clientAuth\n");
  const files = {
    caCert: join(dir, "ca.crt"),
    serverCert: join(dir, "server.crt"),
    serverKey: join(dir, "server.key"),
    clientCert: join(dir, "client.crt"),
    clientKey: join(dir, "client.key"),
  };
  return {
    dir,
    files,
    read: (file) => readFileSync(files[file], "utf8"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
