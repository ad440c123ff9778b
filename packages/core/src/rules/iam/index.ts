import type { ConfigRule } from "../rule";
import { iamLeastPrivilege } from "./iam-least-privilege";

/** Rules whose subject resources are IAM roles. */
export const iamRules: readonly ConfigRule[] = [iamLeastPrivilege] as readonly ConfigRule[];
