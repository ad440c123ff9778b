#!/usr/bin/env node
// Writes packages/core/src/gate/smoke/tasks-proto.json from examples/task-service/proto/tasks.proto.
//
// The example's proto is the one copy of the task service's gRPC contract. The smoke test's gRPC
// transport needs it at run time, and a .proto file does not travel with bundled code (the CLI's
// dist, a Lambda's chunks), so core carries it as data: the proto parsed by protobufjs (the parser
// @grpc/proto-loader itself uses, field names kept as written) in its JSON form, which the
// transport hands to proto-loader's fromJSON. test/examples/tasks-proto.test.ts fails when this
// file is stale.
//
// Usage: node scripts/gen-tasks-proto.mjs   (re-run after changing the example's proto)
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const SOURCE = join(REPO, "examples/task-service/proto/tasks.proto");
export const OUTPUT = join(REPO, "packages/core/src/gate/smoke/tasks-proto.json");

/** The generated file's text. */
export const tasksProtoJson = () => {
  // protobufjs as proto-loader resolves it: the same parser and version the transport loads with.
  const fromProtoLoader = createRequire(createRequire(import.meta.url).resolve("@grpc/proto-loader"));
  const protobuf = fromProtoLoader("protobufjs");
  const root = new protobuf.Root().loadSync(SOURCE, { keepCase: true });
  return `${JSON.stringify(root.toJSON(), null, 2)}\n`;
};

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  writeFileSync(OUTPUT, tasksProtoJson());
  console.log(`wrote ${OUTPUT}`);
}
