import { describe, expect, it } from "vitest";
import { linkHost, remoteImageHost, stripBidiControls } from "./link-safety";

describe("link safety", () => {
  it("marks remote image sources by host and lets inline ones through", () => {
    expect(remoteImageHost("http://attacker.example:8080/p.png?data=secret")).toBe("attacker.example:8080");
    expect(remoteImageHost("//cdn.example/p.png")).toBe("cdn.example");
    expect(remoteImageHost("data:image/png;base64,iVBORw0")).toBeUndefined();
    expect(remoteImageHost("/api/shares/abc/media/123")).toBeUndefined();
  });

  it("drops bidirectional overrides from link text and names a link's host", () => {
    expect(stripBidiControls("invoice\u202Efdp.exe")).toBe("invoicefdp.exe");
    expect(linkHost("https://example.org/x")).toBe("example.org");
    expect(linkHost("javascript:alert(1)")).toBeUndefined();
  });
});
