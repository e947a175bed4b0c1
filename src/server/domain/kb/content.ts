import sanitizeHtml from "sanitize-html";
import { escapeHtml } from "../search/snippet.js";

/**
 * Answers are rich text shown to operators and on the public portal, so only a small safe subset
 * of HTML is kept: no scripts, styles, event handlers or non-http links.
 */
export function sanitizeAnswer(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      "p",
      "br",
      "ul",
      "ol",
      "li",
      "strong",
      "b",
      "em",
      "i",
      "u",
      "a",
      "h3",
      "h4",
      "blockquote",
      "table",
      "thead",
      "tbody",
      "tr",
      "th",
      "td",
    ],
    allowedAttributes: { a: ["href", "title"] },
    allowedSchemes: ["http", "https", "mailto", "tel"],
    transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer" }) },
  }).trim();
}

/** Plain text (as imported from a spreadsheet) to the HTML the base stores; htmlToText reverses it. */
export function textToHtml(text: string): string {
  const lines = text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => l.trimEnd());
  return `<p>${lines.map(escapeHtml).join("<br>").trim()}</p>`;
}

const looksLikeHtml = /<\/?(p|br|ul|ol|li|strong|b|em|i|u|a|h3|h4|table|div)\b[^>]*>/i;

/** An imported answer cell: HTML when it has tags, otherwise text. */
export function answerCellToHtml(cell: string): string {
  return looksLikeHtml.test(cell) ? sanitizeAnswer(cell) : textToHtml(cell.trim());
}
