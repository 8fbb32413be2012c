// Validates the configuration once at start-up so a bad value stops the server with a message that
// names the variable, instead of failing on the first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { validateEnvOrExit } = await import("./lib/startup/validate-env");
    validateEnvOrExit();
    // Say at start-up, not on the first share, when the share store cannot be reached.
    const { checkShareStoreAtStart } = await import("./lib/startup/validate-env");
    void checkShareStoreAtStart();
  }
}
