import { describe, expect, it } from "vitest";
import { unknownValue } from "../../model/value";
import { inventoryOf, resource } from "@readiness/devkit/testing/builders";
import { booleanOf, imageRepository, isRootUser, numberOf, parseImage } from "./containers";

describe("parseImage", () => {
  it.each([
    ["nginx", { repository: "nginx" }],
    ["nginx:1.25", { repository: "nginx", tag: "1.25" }],
    ["library/nginx:latest", { repository: "library/nginx", tag: "latest" }],
    ["localhost:5000/tools/migrate", { registry: "localhost:5000", repository: "tools/migrate" }],
    [
      "123456789012.dkr.ecr.us-east-1.amazonaws.com/task-service/api:1.4.2",
      { registry: "123456789012.dkr.ecr.us-east-1.amazonaws.com", repository: "task-service/api", tag: "1.4.2" },
    ],
    [
      "ghcr.io/acme/api:v2@sha256:abc",
      { registry: "ghcr.io", repository: "acme/api", tag: "v2", digest: "sha256:abc" },
    ],
  ])("%s", (image, expected) => {
    expect(parseImage(image)).toEqual(expected);
  });
});

describe("imageRepository", () => {
  const repo = resource("AWS::ECR::Repository", "ApiRepo", { RepositoryName: "task-service/api" }, [
    "task-service/api",
    "123456789012.dkr.ecr.us-east-1.amazonaws.com/task-service/api",
  ]);
  const byNameOnly = resource("AWS::ECR::Repository", "WorkerRepo", { RepositoryName: "task-service/worker" }, [
    "task-service/worker",
  ]);
  const inventory = inventoryOf(repo, byNameOnly);

  it("matches the repository URI, with or without a tag or digest", () => {
    expect(imageRepository(inventory, "123456789012.dkr.ecr.us-east-1.amazonaws.com/task-service/api:1")).toBe(repo);
    expect(imageRepository(inventory, "123456789012.dkr.ecr.us-east-1.amazonaws.com/task-service/api@sha256:ab")).toBe(
      repo,
    );
  });

  it("matches an ECR image on the repository name", () => {
    expect(imageRepository(inventory, "123456789012.dkr.ecr.us-east-1.amazonaws.com/task-service/worker:2")).toBe(
      byNameOnly,
    );
  });

  it("never matches another registry's image on its name alone", () => {
    expect(imageRepository(inventory, "docker.io/task-service/worker:2")).toBeUndefined();
    expect(imageRepository(inventory, "task-service/worker:2")).toBeUndefined();
    expect(imageRepository(inventory, unknownValue("x"))).toBeUndefined();
  });
});

describe("scalars and users", () => {
  it("reads CloudFormation booleans and numbers in both spellings", () => {
    expect(booleanOf("TRUE")).toBe(true);
    expect(booleanOf(false)).toBe(false);
    expect(booleanOf("yes")).toBeUndefined();
    expect(numberOf("30")).toBe(30);
    expect(numberOf(12)).toBe(12);
    expect(numberOf("thirty")).toBeUndefined();
  });

  it.each([
    [undefined, true],
    ["", true],
    ["root", true],
    ["0", true],
    ["0:0", true],
    ["00:1000", true],
    ["root:wheel", true],
    ["1000", false],
    ["1000:0", false],
    ["app", false],
    ["rooty", false],
  ])("User %j is root: %s", (user, expected) => {
    expect(isRootUser(user)).toBe(expected);
  });
});
