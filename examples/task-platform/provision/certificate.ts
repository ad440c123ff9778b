import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DeleteServerCertificateCommand,
  GetServerCertificateCommand,
  type IAMClient,
  UploadServerCertificateCommand,
} from "@aws-sdk/client-iam";
import { isNotFound, messageOf, ProvisionError } from "./errors";
import type { Ledger } from "./ledger";

export const serverCertificateName = (stackName: string): string => `${stackName}-api`;

/**
 * The HTTPS listener needs a certificate the endpoint knows. Without one given, a self-signed
 * certificate for the example's host name is generated (openssl) and uploaded as an IAM server
 * certificate, which load balancers accept like an ACM one. The private key never leaves the
 * temporary directory and the upload.
 */
export const ensureServerCertificate = async (iam: IAMClient, stackName: string, ledger: Ledger): Promise<string> => {
  const name = serverCertificateName(stackName);
  try {
    const { ServerCertificate } = await iam.send(new GetServerCertificateCommand({ ServerCertificateName: name }));
    const arn = ServerCertificate?.ServerCertificateMetadata?.Arn;
    if (arn) return arn;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const { body, privateKey } = selfSignedCertificate("task-api.example.internal");
  const { ServerCertificateMetadata } = await iam.send(
    new UploadServerCertificateCommand({ ServerCertificateName: name, CertificateBody: body, PrivateKey: privateKey }),
  );
  if (!ServerCertificateMetadata?.Arn) throw new ProvisionError(`UploadServerCertificate ${name} returned no ARN`);
  ledger.change(name, "UploadServerCertificate");
  return ServerCertificateMetadata.Arn;
};

export const deleteServerCertificate = async (iam: IAMClient, stackName: string): Promise<void> => {
  try {
    await iam.send(new DeleteServerCertificateCommand({ ServerCertificateName: serverCertificateName(stackName) }));
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
};

const selfSignedCertificate = (host: string): { body: string; privateKey: string } => {
  const dir = mkdtempSync(join(tmpdir(), "task-platform-cert-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "30",
        "-subj",
        `/CN=${host}`,
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: "pipe" },
    );
    return {
      body: readFileSync(join(dir, "cert.pem"), "utf8"),
      privateKey: readFileSync(join(dir, "key.pem"), "utf8"),
    };
  } catch (error) {
    throw new ProvisionError(
      `cannot generate a self-signed certificate for the HTTPS listener: ${messageOf(error)}`,
      "install openssl, or pass certificateArn (an ACM or IAM server certificate the endpoint knows)",
      { cause: error },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
