import { provisionPlatform } from "./index";
const p = await provisionPlatform({ variant: (process.argv[2] ?? "broken") as "broken", endpoint: "http://127.0.0.1:45873", region: "us-east-1" });
console.log(p.changes.length, p.gaps);
