// Class names the prompts screens share, so their controls look like the rest of the workbench.

export const buttonClass = "inline-flex h-8 items-center rounded-md border border-zinc-300 px-2.5 text-sm hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800";
export const primaryButtonClass = "inline-flex h-8 items-center rounded-md bg-accent-600 px-3 text-sm font-medium text-white hover:bg-accent-700 disabled:opacity-50";
export const inputClass = "rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-900 focus:outline-none focus:ring-2 focus:ring-accent-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";
export const labelClass = "text-xs font-medium text-zinc-600 dark:text-zinc-400";
export const sectionClass = "space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800";
