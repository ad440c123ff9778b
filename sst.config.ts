import type { SSTConfig } from "sst";
import { Gate } from "./stacks/Gate";
import { Rules } from "./stacks/Rules";
import { Schedule } from "./stacks/Schedule";
import { Storage } from "./stacks/Storage";
import { applyAppDefaults } from "./stacks/support/app-defaults";

export default {
  config() {
    return { name: "readiness", region: process.env.AWS_REGION || "us-east-1" };
  },
  stacks(app) {
    applyAppDefaults(app);
    // Order matters: later stacks `use()` earlier ones (Gate uses Storage's tables and Rules' post-deploy-smoke rule;
    // Schedule uses Storage's results table).
    app.stack(Storage).stack(Rules).stack(Gate).stack(Schedule);
  },
} satisfies SSTConfig;
