import type { NextConfig } from "next";
import { securityHeaders } from "./lib/http/security-headers.mjs";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The BPE rank table is large; load it from node_modules instead of copying it into every route bundle.
  serverExternalPackages: ["gpt-tokenizer"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: Object.entries(securityHeaders).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

export default nextConfig;
