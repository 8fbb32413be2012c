import Link from "next/link";

/** A share that does not exist, has expired or was deleted (the same page for all three). */
export default function ShareNotFound() {
  return (
    <div className="mx-auto max-w-xl space-y-3 px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">This share is not available</h1>
      <p className="text-zinc-600 dark:text-zinc-400">The link may be mistyped, the share may have expired, or the person who shared it deleted it. Shares are never recoverable once deleted.</p>
      <Link href="/" className="inline-block rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
        Open Kimi Workbench
      </Link>
    </div>
  );
}
