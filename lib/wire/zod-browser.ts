import { config } from "zod/mini";

// zod compiles object schemas with `new Function` when it may; probing for that is an eval the
// workbench page's CSP refuses (and reports). In the browser zod runs without compiling. (zod and
// zod/mini share one core and one configuration; zod/mini's entry keeps this import small.)
if (typeof window !== "undefined") config({ jitless: true });
