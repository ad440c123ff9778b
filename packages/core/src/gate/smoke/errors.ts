// Declared in the kernel: readiness.yml's smoke settings (checklist/config) throw it too.
export { SmokeConfigError } from "../../kernel/errors";
