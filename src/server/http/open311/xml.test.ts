import { describe, expect, it } from "vitest";
import { XmlDocument } from "xmldoc";
import { escapeXml, toXml } from "./xml.js";

describe("the Open311 XML writer", () => {
  it("escapes markup and drops characters XML 1.0 forbids, and the result parses strictly", () => {
    const nasty = `a & b < c > d "e" 'f' \u0000\u0001\u000b\ud800 Hà Nội 😀 ]]>`;
    expect(escapeXml(nasty)).toBe("a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;  Hà Nội 😀 ]]&gt;");
    const doc = new XmlDocument(
      toXml("service_requests", [{ description: nasty, lat: null, n: 1.5 }], "request"),
    );
    expect(doc.valueWithPath("request.description")).toBe(`a & b < c > d "e" 'f'  Hà Nội 😀 ]]>`);
    expect(doc.valueWithPath("request.lat")).toBe("");
    expect(doc.valueWithPath("request.n")).toBe("1.5");
  });

  it("names array items by the element's singular, as the spec's documents do", () => {
    const xml = toXml("service_definition", {
      service_code: "x",
      attributes: [{ code: "c", values: [{ key: "yes", name: "Có" }] }],
    });
    expect(xml).toContain("<attributes><attribute><code>c</code><values><value><key>yes</key>");
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(new XmlDocument(toXml("services", [])).childrenNamed("service")).toHaveLength(0);
  });
});
