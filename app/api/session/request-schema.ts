import { z } from "zod";

/** Body of `POST /api/session`: the access token to sign in with. */
export const sessionRequestSchema = z.object({ token: z.string().min(1, "token is required") }).strict();
