// A run worker in a process of its own, for the durability tests: `node --conditions=react-server
// --import tsx testing/run-worker-process.ts <runs.sqlite> <concurrency> <leaseMs>`.
import { openSqliteRunStore } from "@/lib/store/run-store";
import { startRunWorker } from "@/lib/runs/run-worker";

const [path = "", concurrency = "2", leaseMs = "1000"] = process.argv.slice(2);
const store = openSqliteRunStore({ path });
startRunWorker({ store, concurrency: Number(concurrency), leaseMs: Number(leaseMs), pollMs: 50 });
process.stdout.write("ready\n");
