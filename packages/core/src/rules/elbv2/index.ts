import type { ConfigRule } from "../rule";
import { mtlsListener } from "./mtls";

/** Rules whose subject resources are Elastic Load Balancing v2 resources. */
export const elbv2Rules: readonly ConfigRule[] = [mtlsListener] as readonly ConfigRule[];
