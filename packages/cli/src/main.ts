import { processIo } from "./io";
import { run } from "./program";

// `readiness check … | head` closes the pipe early: that is the reader's choice, not a crash.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

// exitCode, not exit(): stdout may still be flushing a large report into a pipe.
process.exitCode = await run(process.argv.slice(2), processIo());
