"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import type { ProviderId } from "@/lib/catalog/catalog-types";
import { loadProviderKeys } from "@/lib/chat/browser-storage";
import { attachmentsOf } from "@/lib/conversation/read-conversation";
import { useWorkbench } from "@/lib/chat/use-workbench";
import { formatBytes } from "@/lib/media/media-rules";
import { deleteUploadedFile, listUploadedFiles } from "@/lib/media/upload-file";
import { workbenchText } from "@/components/i18n/workbench-text";
import { toError, workbenchMessageOf } from "@/lib/wire/coded-message";

/** The uploaded files of one provider, newest first, each deletable. */
export default function FilesList({ providerId }: { providerId: ProviderId }) {
  const { conversation } = useWorkbench();
  const queryClient = useQueryClient();
  const t = useTranslations();
  const format = useFormatter();
  const queryKey = ["files", providerId];
  const files = useQuery({
    queryKey,
    queryFn: async () => {
      const listed = await listUploadedFiles({ providerId, apiKey: loadProviderKeys()[providerId] });
      if (!listed.ok) throw toError(listed.error);
      return [...listed.files].sort((a, b) => b.created_at - a.created_at);
    },
  });
  const remove = useMutation({
    mutationFn: async (fileId: string) => {
      const deleted = await deleteUploadedFile({ providerId, fileId, apiKey: loadProviderKeys()[providerId] });
      if (!deleted.ok) throw toError(deleted.error);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey }),
  });
  // Files this conversation still refers to: deleting them breaks resending those messages.
  const inUse = new Set(attachmentsOf(conversation).flatMap((attachment) => (attachment.upload?.providerId === providerId ? [attachment.upload.fileId] : [])));

  if (files.isPending) return <p className="text-sm">{t("files.loading")}</p>;
  if (files.isError) {
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-300">
        {t("files.listFailed", { problem: workbenchText(workbenchMessageOf(files.error), t) })}{" "}
        <button type="button" className="underline" onClick={() => void files.refetch()}>
          {t("files.retry")}
        </button>
      </p>
    );
  }
  return (
    <div className="space-y-2">
      <div className="flex items-center gap-3 text-xs text-zinc-500 dark:text-zinc-400">
        <span>
          {t("files.count", { count: files.data.length, size: formatBytes(files.data.reduce((sum, file) => sum + file.bytes, 0)) })}
        </span>
        <button type="button" className="underline" onClick={() => void files.refetch()}>
          {t("files.refresh")}
        </button>
      </div>
      {remove.isError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {t("files.deleteFailed", { problem: workbenchText(workbenchMessageOf(remove.error), t) })}
        </p>
      )}
      {files.data.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("files.none")}</p>
      ) : (
        <div className="max-h-96 overflow-y-auto">
          <table className="w-full text-sm">
            <thead className="text-left text-xs text-zinc-500 dark:text-zinc-400">
              <tr>
                <th className="py-1 font-normal">{t("files.name")}</th>
                <th className="py-1 font-normal">{t("files.purpose")}</th>
                <th className="py-1 text-right font-normal">{t("files.size")}</th>
                <th className="py-1 font-normal">{t("files.uploaded")}</th>
                <th className="py-1">
                  <span className="sr-only">{t("testSet.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {files.data.map((file) => (
                <tr key={file.id} aria-label={`${file.filename} (${file.id})`} className="border-t border-zinc-100 dark:border-zinc-900">
                  <td className="max-w-64 truncate py-1" title={`${file.filename} · ${file.id}`}>
                    {file.filename}
                    <span className="block font-mono text-[11px] text-zinc-500 dark:text-zinc-400">{file.id}</span>
                  </td>
                  <td className="py-1">{file.purpose}</td>
                  <td className="py-1 text-right tabular-nums">{formatBytes(file.bytes)}</td>
                  <td className="py-1 text-xs">{format.dateTime(file.created_at * 1000, { dateStyle: "short", timeStyle: "medium" })}</td>
                  <td className="py-1 text-right">
                    <button
                      type="button"
                      aria-label={t("files.delete", { name: file.filename })}
                      disabled={remove.isPending && remove.variables === file.id}
                      title={inUse.has(file.id) ? t("files.inUseTitle") : undefined}
                      onClick={() => remove.mutate(file.id)}
                      className="rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
                    >
                      {inUse.has(file.id) ? t("files.deleteInUse") : t("prompts.delete")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
