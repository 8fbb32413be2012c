"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { providersQueryKey } from "@/lib/chat/use-workbench";
import type { ProvidersResponse } from "@/lib/catalog/provider-summary";

/** TanStack Query for the page, seeded with the provider list the server rendered with. */
export function QueryProvider({ initialProviders, children }: { initialProviders: ProvidersResponse; children: ReactNode }) {
  const [client] = useState(() => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 60_000, refetchOnWindowFocus: false, retry: 1 } } });
    queryClient.setQueryData(providersQueryKey, initialProviders);
    return queryClient;
  });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
