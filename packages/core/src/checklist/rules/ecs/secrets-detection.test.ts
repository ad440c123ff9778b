import { describe, expect, it } from "vitest";
import {
  detectEnvironmentSecret,
  detectSecretValue,
  isCredentialName,
  isTrivialValue,
  nameWords,
  shannonEntropy,
} from "./secrets-detection";

const options = { entropyThreshold: 4.0, minEntropyLength: 20 };

// Test fixtures only: none of these are live credentials (documented AWS examples and made-up tokens).
const AWS_EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const JWT =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

describe("detectEnvironmentSecret: true positives (detector per variable)", () => {
  it.each([
    ["DB_PASSWORD", "hunter2", "credential-name"],
    ["dbPassword", "s3cr3t!", "credential-name"],
    ["SMTP_PASS", "mailpass", "credential-name"],
    ["API_KEY", "abc123", "credential-name"],
    ["ApiKey", "abc123", "credential-name"],
    ["STRIPE_APIKEY", "whatever-value", "credential-name"],
    ["GITHUB_TOKEN", "sometoken", "credential-name"],
    ["NPM_TOKEN", "npm-thing", "credential-name"],
    ["SESSION_SECRET", "keyboard cat", "credential-name"],
    ["DJANGO_SECRET_KEY", "django-insecure-abc", "credential-name"],
    ["OAUTH_CLIENT_SECRET", "clientsecret", "credential-name"],
    ["AWS_SECRET_ACCESS_KEY", "short", "credential-name"],
    ["PRIVATE_KEY", "inline-key-material", "credential-name"],
    ["GOOGLE_CREDENTIALS", "base64-blob", "credential-name"],
    ["BASIC_AUTH", "admin:admin", "credential-name"],
    ["DB_PASSWORD", "changeme", "credential-name"],
    ["AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", "aws-access-key-id"],
    ["SOME_SETTING", "ASIAIOSFODNN7EXAMPLE", "aws-access-key-id"],
    ["TLS_KEY", "-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----", "private-key"],
    ["KEY_PEM", "-----BEGIN PRIVATE KEY-----MIIEvQ", "private-key"],
    ["GH", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "github-token"],
    ["GH_FINE", "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "github-token"],
    ["SLACK", "xoxb-1234567890-abcdefghij", "slack-token"],
    ["NOTIFY", "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", "slack-webhook"],
    ["PAYMENTS", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "stripe-live-key"],
    ["MAPS", "AIzaSyA-1234567890abcdefghijklmnopqrstu", "google-api-key"],
    ["SESSION", JWT, "jwt"],
    ["DATABASE_URL", "postgres://app:Sup3rS3cret@db.internal:5432/tasks", "connection-string-password"],
    ["REDIS_URL", "redis://:p4ssw0rd@cache:6379/0", "connection-string-password"],
    ["MONGO", "mongodb+srv://user:pw@cluster0.example.net/db?retryWrites=true", "connection-string-password"],
    ["JDBC", "jdbc:mysql://user:pw@db:3306/app", "connection-string-password"],
    ["HOOK", "https://api.example.com/hook?access_token=abcdef123", "url-query-credential"],
    ["OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Bearer abcdefgh12345678", "authorization-header"],
    ["OTEL_EXPORTER_OTLP_HEADERS", "x-api-key=abcd1234efgh,x-tenant=acme", "authorization-header"],
    ["UPSTREAM_HEADER", "Authorization: Basic YWRtaW46aHVudGVyMg==", "authorization-header"],
    ["CONFIG_JSON", '{"username":"admin","password":"hunter2"}', "json-credential"],
    ["SETTINGS", '{"region":"us-east-1","signing":"Zx8Qp2Lr7Vb5Nm1Kd4Hs9Tw3Yf6Gc0Ja"}', "high-entropy"],
    ["CONFIG", "{{resolve:secretsmanager:prod/app:SecretString:config}}", "secret-dynamic-reference"],
    ["CONFIG", "{{resolve:ssm-secure:/prod/app/config:1}}", "secret-dynamic-reference"],
    ["AWS_SECRET", AWS_EXAMPLE_SECRET, "credential-name"],
    ["SIGNING", AWS_EXAMPLE_SECRET, "high-entropy"],
    ["OPAQUE", "Zx8Qp2Lr7Vb5Nm1Kd4Hs9Tw3Yf6Gc0Ja", "high-entropy"],
  ])("%s is flagged", (name, value, detector) => {
    expect(detectEnvironmentSecret(name, value, options)?.detector).toBe(detector);
  });
});

describe("detectEnvironmentSecret: true negatives (configuration, not credentials)", () => {
  it.each([
    ["LOG_LEVEL", "info"],
    ["TOKEN_TTL_SECONDS", "300"],
    ["ACCESS_TOKEN_TTL", "15m"],
    ["REFRESH_TOKEN_LIFETIME", "P30D"],
    ["PASSWORD_MIN_LENGTH", "12"],
    ["QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/tasks"],
    ["AWS_REGION", "us-east-1"],
    ["OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4317"],
    ["TABLE_NAME", "tasks"],
    ["TABLE_NAME", "prod-TasksTable-1ABCDEF2GHIJK"],
    ["DB_PASSWORD", ""],
    ["AUTH_ENABLED", "true"],
    ["AUTH_MODE", "jwt"],
    ["AUTH_URL", "https://auth.example.com/oauth2/token"],
    ["TOKEN_ISSUER", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc"],
    ["DB_PASSWORD_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"],
    ["DB_SECRET", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"],
    ["SECRET_NAME", "prod/task-service/db"],
    ["DB_PASSWORD_FILE", "/run/secrets/db_password"],
    ["SENTRY_DSN", "https://0123456789abcdef@o1.ingest.sentry.io/42"],
    ["DATABASE_URL", "postgres://app@db.internal:5432/tasks"],
    ["DATABASE_URL", `postgres://app:\${DB_PASSWORD}@db.internal:5432/tasks`],
    ["GIT_SHA", "4b825dc642cb6eb9a060e54bf8d69288fbee4904"],
    ["IMAGE_DIGEST", "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["BUILD", "git.commit.sha:4b825dc642cb6eb9a060e54bf8d69288fbee4904"],
    [
      "COPILOT_SNS_TOPIC_ARNS",
      '{"orders":"arn:aws:sns:us-east-1:123456789012:shop-prod-orders-events","payments":"arn:aws:sns:us-east-1:123456789012:shop-prod-payments-events"}',
    ],
    ["ROUTES", '[{"path":"/api/v1/tasks","weight":50},{"path":"/api/v2/tasks","weight":50}]'],
    ["REQUEST_ID", "123e4567-e89b-12d3-a456-426614174000"],
    ["SIDECAR_IMAGE", "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0"],
    ["OTEL_RESOURCE_ATTRIBUTES", "service.name=task-api,deployment.environment=production,team=payments"],
    ["JAVA_MAIN", "com.example.tasks.TaskApplicationMain"],
    ["ADMIN_EMAIL", "platform-team@example.com"],
    ["AZS", "us-east-1a,us-east-1b,us-east-1c"],
    ["GREETING", "Hello from the task service, have a nice day"],
    ["DRAIN_TIMEOUT", "30s"],
    ["FEATURE_FLAGS", "fastPath,asyncSubmit,newScheduler"],
    ["OTEL_EXPORTER_OTLP_HEADERS", "x-tenant=acme,x-team=payments"],
    ["AUTH_SCHEME", "Bearer"],
    ["BANNER", "Enables Basic authentication for the admin console"],
    ["HELP", "Send a Bearer token obtained from the identity provider"],
  ])("%s=%s is not flagged", (name, value) => {
    expect(detectEnvironmentSecret(name, value, options)).toBeUndefined();
  });
});

describe("isCredentialName", () => {
  it.each([
    ["DB_PASSWORD", true],
    ["APIKey", true],
    ["api-key", true],
    ["clientSecret", true],
    ["AUTHOR", false],
    ["PASSENGER_COUNT", false],
    ["CACHE_KEY", false],
    ["TOKEN_TTL_SECONDS", false],
    ["SECRET_ARN", false],
  ])("%s → %s", (name, expected) => {
    expect(isCredentialName(name)).toBe(expected);
  });

  it("splits names in every common casing", () => {
    expect(nameWords("dbPassword")).toEqual(["db", "password"]);
    expect(nameWords("APIKey")).toEqual(["api", "key"]);
    expect(nameWords("OTEL_EXPORTER.otlp-endpoint")).toEqual(["otel", "exporter", "otlp", "endpoint"]);
  });
});

describe("isTrivialValue", () => {
  it.each(["", "  ", "true", "off", "0", "3.5", "30s", "PT5M", "debug", "https://example.com/x", "arn:aws:s3:::b"])(
    "%j is trivial",
    (value) => expect(isTrivialValue(value)).toBe(true),
  );
  it.each(["hunter2", "postgres://u:p@h/db", "https://h/x?token=abc", "P"])("%j is not trivial", (value) =>
    expect(isTrivialValue(value)).toBe(false),
  );
});

describe("entropy", () => {
  it("is zero for a repeated character and log2(n) for n distinct characters", () => {
    expect(shannonEntropy("aaaa")).toBe(0);
    expect(shannonEntropy("abcd")).toBe(2);
    expect(shannonEntropy("")).toBe(0);
  });

  it("respects the threshold and minimum length parameters", () => {
    const value = "Zx8Qp2Lr7Vb5Nm1Kd4Hs9Tw3Yf6Gc0Ja";
    expect(detectSecretValue(value, { entropyThreshold: 6, minEntropyLength: 20 })).toBeUndefined();
    expect(detectSecretValue(value, { entropyThreshold: 4, minEntropyLength: 40 })).toBeUndefined();
    expect(detectSecretValue(value, { entropyThreshold: 4, minEntropyLength: 20 })?.detector).toBe("high-entropy");
  });

  it("never puts the value in the description", () => {
    const signal = detectSecretValue("postgres://app:Sup3rS3cret@db/tasks", options);
    expect(signal?.description).not.toContain("Sup3rS3cret");
  });
});
