import { describe, expect, it } from "vitest";
import { expectWordedAsEnglish } from "@/testing/catalog-wording";
import { columnsOf, exportCsvTestSet, exportJsonlTestSet, parseCsvTestSet, parseJsonTestSet } from "./test-set";

describe("test sets", () => {
  it("reads CSV with quoted commas and newlines, JSON columns, expected and notes, and writes it back the same", () => {
    const csv = 'city,facts:json,expected,Notes\n"Paris, France","{""population"": 2100000}",Paris,capital\nOslo,"[1,2]","Oslo\nNorway",\n';
    const { rows, problems } = parseCsvTestSet(csv);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { id: "row-2", values: { city: { kind: "text", text: "Paris, France" }, facts: { kind: "json", value: { population: 2_100_000 } } }, expected: "Paris", notes: "capital" },
      { id: "row-3", values: { city: { kind: "text", text: "Oslo" }, facts: { kind: "json", value: [1, 2] } }, expected: "Oslo\nNorway" },
    ]);
    expect(columnsOf(rows)).toEqual({ variables: ["city", "facts"], expected: true, notes: true, assert: false });
    expect(parseCsvTestSet(exportCsvTestSet(rows)).rows.map((row) => row.values)).toEqual(rows.map((row) => row.values));
  });

  it("names the row and column of every CSV problem", () => {
    const { problems } = parseCsvTestSet('city,facts:json\nParis,{bad json}\nOslo,1,extra\n');
    expect(problems).toEqual([
      expect.objectContaining({ row: 3, message: expect.stringMatching(/Too many fields.*one value per header/) }),
      expect.objectContaining({ row: 2, column: "facts", message: expect.stringMatching(/^is marked JSON \(facts:json\) but is not valid JSON/) }),
    ]);
    expect(parseCsvTestSet("").problems[0]!.message).toMatch(/first line must name the columns/);
    expect(parseCsvTestSet("a,a\n1,2\n").problems).toContainEqual({ row: 1, column: "a", message: "appears twice in the header: give every column its own name.", code: "duplicate-column", values: {} });
  });

  it("reads JSONL and pasted JSON arrays, keeping JSON types and media values, naming bad lines", () => {
    const jsonl = '{"city":"Paris","n":3,"photo":{"kind":"media","media":"image","url":"data:image/png;base64,AA"},"expected":"ok"}\n\nnot json\n[1]\n';
    const { rows, problems } = parseJsonTestSet(jsonl);
    expect(rows).toEqual([{ id: "row-1", values: { city: { kind: "text", text: "Paris" }, n: { kind: "json", value: 3 }, photo: { kind: "media", media: "image", url: "data:image/png;base64,AA" } }, expected: "ok" }]);
    expect(problems.map((problem) => problem.row)).toEqual([3, 4]);
    expect(problems[0]!.message).toMatch(/^is not valid JSON .*each line must be one JSON object/);
    expect(parseJsonTestSet('[{"a":"x"},{"a":"y"}]').rows).toHaveLength(2);
    expect(parseJsonTestSet(exportJsonlTestSet(rows)).rows).toEqual(rows);
  });
});

describe("rows' own checks", () => {
  it("reads an assert column (CSV) or key (JSONL) as the row's checks, names bad ones, and writes them back", () => {
    const csv = 'country,expected,assert:json\nFrance,Paris,"[{""type"": ""contains"", ""value"": ""Paris""}]"\nNorway,Oslo,\nPeru,Lima,"{""type"": 1}"\n';
    const read = parseCsvTestSet(csv);
    expect(read.rows[0]!.assert).toEqual([{ type: "contains", value: "Paris" }]);
    expect(read.rows[1]!.assert).toBeUndefined();
    expect(read.problems).toEqual([{ row: 4, column: "assert", message: 'must be a JSON array of checks, each an object with a "type", e.g. [{"type": "contains", "value": "Paris"}].', code: "assert-shape", values: {} }]);
    const rows = read.rows.slice(0, 2);
    expect(parseCsvTestSet(exportCsvTestSet(rows)).rows.map((row) => row.assert)).toEqual([[{ type: "contains", value: "Paris" }], undefined]);
    const jsonl = parseJsonTestSet(exportJsonlTestSet(rows));
    expect(jsonl.problems).toEqual([]);
    expect(jsonl.rows[0]!.assert).toEqual([{ type: "contains", value: "Paris" }]);
    expect(Object.keys(jsonl.rows[0]!.values)).toEqual(["country"]);
  });
});

describe("import problems in the catalogs", () => {
  it("words every problem the readers report, in English word for word", () => {
    const problems = [
      ...parseCsvTestSet('city,facts:json,photo:media\nParis,{bad json},{"media":"sound"}\nOslo,1,{},extra\n').problems,
      ...parseCsvTestSet("").problems,
      ...parseCsvTestSet("a,a\n1,2\n").problems,
      ...parseCsvTestSet('city,assert\nParis,[{"value": "x"}]\nOslo,[not json\n').problems,
      ...parseJsonTestSet('{"city":"Paris"}\nnot json\n[1]\n"text"\n').problems,
      ...parseJsonTestSet("[1, 2").problems,
      ...parseJsonTestSet('{"a": 1}').problems,
    ];
    expect(new Set(problems.map((problem) => problem.code)).size).toBeGreaterThan(7);
    expectWordedAsEnglish({ namespace: "testSetProblems", items: problems.map((problem) => ({ code: problem.code, values: problem.values, english: problem.message })) });
  });
});
