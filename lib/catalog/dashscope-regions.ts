/** A DashScope (Alibaba Cloud Model Studio) region that serves Kimi models. */
export const dashscopeRegionIds = ["beijing", "virginia", "frankfurt", "hongkong"] as const;

/** One of {@link dashscopeRegionIds}. */
export type DashscopeRegionId = (typeof dashscopeRegionIds)[number];

/** Endpoints of one region; `{WorkspaceId}` is replaced by DASHSCOPE_WORKSPACE_ID. */
export interface DashscopeRegion {
  id: DashscopeRegionId;
  label: string;
  compatibleBaseUrl: string;
  nativeBaseUrl: string;
  needsWorkspaceId: boolean;
}

// Alibaba Cloud Model Studio's Kimi page: "Service endpoints are region-specific" (docs/kimi-wire-format.md).
/** The four regions and their base URLs. */
export const dashscopeRegions: Record<DashscopeRegionId, DashscopeRegion> = {
  beijing: {
    id: "beijing",
    label: "China (Beijing)",
    compatibleBaseUrl: "https://dashscope.aliyuncs.com/compatible-mode/v1",
    nativeBaseUrl: "https://dashscope.aliyuncs.com/api/v1",
    needsWorkspaceId: false,
  },
  virginia: {
    id: "virginia",
    label: "US (Virginia)",
    compatibleBaseUrl: "https://dashscope-us.aliyuncs.com/compatible-mode/v1",
    nativeBaseUrl: "https://dashscope-us.aliyuncs.com/api/v1",
    needsWorkspaceId: false,
  },
  frankfurt: {
    id: "frankfurt",
    label: "Germany (Frankfurt)",
    compatibleBaseUrl: "https://{WorkspaceId}.eu-central-1.maas.aliyuncs.com/compatible-mode/v1",
    nativeBaseUrl: "https://{WorkspaceId}.eu-central-1.maas.aliyuncs.com/api/v1",
    needsWorkspaceId: true,
  },
  hongkong: {
    id: "hongkong",
    label: "China (Hong Kong)",
    compatibleBaseUrl: "https://{WorkspaceId}.cn-hongkong.maas.aliyuncs.com/compatible-mode/v1",
    nativeBaseUrl: "https://{WorkspaceId}.cn-hongkong.maas.aliyuncs.com/api/v1",
    needsWorkspaceId: true,
  },
};

/** Fills the workspace id into a region URL template. */
export function fillWorkspaceId({ template, workspaceId }: { template: string; workspaceId: string }): string {
  return template.replace("{WorkspaceId}", encodeURIComponent(workspaceId));
}
