// Preloaded (node --import) into the processes a bench starts: prints the process's CPU time on
// exit, so a bench on a busy machine can tell the work done from the time spent waiting for a core.
import { writeSync } from "node:fs";

process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  writeSync(2, `\nBENCH_CPU_MS=${(user + system) / 1000}\n`);
});
