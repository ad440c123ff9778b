import * as z from "../../kernel/validation/zod";
import { declareItem, type ItemDeclaration } from "./item";
import { containerHardening } from "../rules/ecs/container-hardening";

const params = z.strictObject({
  /** Container names exempt from the checks (e.g. a vendor sidecar you cannot change); each exemption is reported. */
  exemptContainers: z
    ._default(z.array(z.string()), [])
    .check(z.describe("container names exempt from the checks; each exemption is reported")),
});

/** Container: read-only root filesystem; non-root user; drop ALL capabilities */
export const containerHardeningItem: ItemDeclaration<"container-hardening", typeof params> = declareItem({
  id: "container-hardening",
  section: "Security",
  title: "Container: read-only root filesystem; non-root user; drop ALL capabilities",
  severity: "high",
  decidedBy:
    "every container: `readonlyRootFilesystem` explicitly true, `user` set and not root (`root`, `0`, `0:0`, `root:root`), `linuxParameters.capabilities.drop` contains `ALL`, not privileged",
  remediation:
    "On every container set `ReadonlyRootFilesystem: true`, `User` to a non-root uid (e.g. `1000:1000`), `LinuxParameters.Capabilities.Drop: [ALL]`, and never `Privileged: true`.",
  params,
  rules: [containerHardening],
});
