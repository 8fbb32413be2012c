import { describe, expect, it } from "vitest";
import { negotiateLocale } from "./locales";

describe("negotiateLocale", () => {
  it("follows the switch's cookie first", () => {
    expect(negotiateLocale({ cookie: "zh-CN", acceptLanguage: "en-US,en;q=0.9" })).toBe("zh-CN");
    expect(negotiateLocale({ cookie: "en", acceptLanguage: "zh-CN,zh;q=0.9" })).toBe("en");
  });

  it("takes the browser's best-weighted language the workbench speaks", () => {
    expect(negotiateLocale({ cookie: undefined, acceptLanguage: "zh-CN,zh;q=0.9,en;q=0.8" })).toBe("zh-CN");
    expect(negotiateLocale({ cookie: undefined, acceptLanguage: "zh-TW" })).toBe("zh-CN");
    expect(negotiateLocale({ cookie: undefined, acceptLanguage: "fr-FR,en;q=0.5,zh;q=0.4" })).toBe("en");
    expect(negotiateLocale({ cookie: undefined, acceptLanguage: "en;q=0.3,zh-Hans;q=0.8" })).toBe("zh-CN");
  });

  it("falls back to English for unknown or broken values", () => {
    expect(negotiateLocale({ cookie: "de", acceptLanguage: null })).toBe("en");
    expect(negotiateLocale({ cookie: undefined, acceptLanguage: "fr, de;q=abc" })).toBe("en");
    expect(negotiateLocale({ cookie: undefined, acceptLanguage: "zh;q=0" })).toBe("en");
  });
});
