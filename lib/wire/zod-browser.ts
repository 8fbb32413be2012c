import { z } from "zod";

// zod compiles object schemas with `new Function` when it may; probing for that is an eval the
// workbench page's CSP refuses (and reports). In the browser zod runs without compiling.
if (typeof window !== "undefined") z.config({ jitless: true });
