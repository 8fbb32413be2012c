// @ts-check
// `npm start`: build if needed, then run the production server (server.mjs).
import { ensureBuild } from "./build.mjs";

await ensureBuild();
process.env.NODE_ENV = "production";
await import("../server.mjs");
