import type { SSTConfig } from "sst";
import { Rules } from "./stacks/Rules";
import { Storage } from "./stacks/Storage";
import { applyAppDefaults } from "./stacks/support/app-defaults";

export default {
  config() {
    return { name: "readiness", region: process.env.AWS_REGION || "us-east-1" };
  },
  stacks(app) {
    applyAppDefaults(app);
    // Order matters: later stacks `use()` earlier ones. The Gate stack (post-deploy gate) goes after Rules.
    app.stack(Storage).stack(Rules);
  },
} satisfies SSTConfig;
