/**
 * The server's excerpt of a Q&A answer: HTML-escaped text with <mark> around matches. Parsed, never
 * injected: only text and the marks become React elements.
 */
export function Snippet({ html }: { html: string }) {
  const nodes = Array.from(new DOMParser().parseFromString(html, "text/html").body.childNodes);
  return (
    <>
      {nodes.map((node, i) =>
        // The excerpt is static text: its position is its identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: parsed once per render, never reordered
        node.nodeName === "MARK" ? <mark key={i}>{node.textContent}</mark> : node.textContent,
      )}
    </>
  );
}
