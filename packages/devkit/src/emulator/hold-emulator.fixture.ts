// Test fixture: starts an emulator, prints its endpoint, and waits to be killed.
import { startEmulator } from "./moto";

const emulator = await startEmulator();
process.stdout.write(`${emulator.endpoint}\n`);
setInterval(() => undefined, 60_000);
