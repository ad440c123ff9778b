import type { ConfigRule } from "../rule";
import { dynamodbCapacity } from "./dynamodb-capacity";

/** Rules whose subject resources are DynamoDB tables. */
export const dynamodbRules: readonly ConfigRule[] = [dynamodbCapacity] as readonly ConfigRule[];
