import type { useTranslations } from "next-intl";

/** The translator `useTranslations()` returns, for helpers that word things for a component. */
export type Translate = ReturnType<typeof useTranslations<never>>;
