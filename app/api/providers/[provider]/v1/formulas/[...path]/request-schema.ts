import { z } from "zod";

const argumentsMessage = 'arguments must be a JSON object serialized as a string, e.g. "{\\"query\\": \\"…\\"}" (the tool call\'s function.arguments as the model wrote them)';

/** What `POST …/formulas/{uri}/fibers` accepts: the function to run and its arguments as a JSON string, as Moonshot takes them. */
export const fiberRequestSchema = z.strictObject({
  name: z.string().min(1, "name must be the function to run, as the formula's tools list it"),
  arguments: z.string({ error: argumentsMessage }).refine(
    (text) => {
      try {
        const value: unknown = JSON.parse(text);
        return typeof value === "object" && value !== null && !Array.isArray(value);
      } catch {
        return false;
      }
    },
    { message: argumentsMessage },
  ),
});
