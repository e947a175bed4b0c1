import { gzipSync } from "node:zlib";
import type { Plugin } from "vite";

interface ChunkInfo {
  code: string;
  imports: string[];
  isEntry: boolean;
}

/**
 * Prints the gzipped size of the JavaScript the browser must load before the first screen: the
 * entry chunk and everything it imports statically (lazy pages excluded). Fails the build when it
 * exceeds the budget, so the console stays fast on a hotline operator's desk machine.
 */
export function bundleSizeReport(options: { budgetKb: number }): Plugin {
  return {
    name: "console-bundle-size",
    apply: "build",
    generateBundle(_outputOptions, bundle) {
      const chunks = new Map<string, ChunkInfo>();
      for (const [fileName, item] of Object.entries(bundle)) {
        if (item.type === "chunk")
          chunks.set(fileName, { code: item.code, imports: item.imports, isEntry: item.isEntry });
      }
      const initial = new Set<string>();
      const visit = (name: string) => {
        if (initial.has(name)) return;
        const chunk = chunks.get(name);
        if (!chunk) return;
        initial.add(name);
        for (const dep of chunk.imports) visit(dep);
      };
      for (const [name, chunk] of chunks) if (chunk.isEntry) visit(name);
      let total = 0;
      const lines: string[] = [];
      for (const name of initial) {
        const size = gzipSync(chunks.get(name)?.code ?? "").length;
        total += size;
        lines.push(`  ${name.padEnd(48)} ${(size / 1024).toFixed(1).padStart(8)} KB gzip`);
      }
      const kb = total / 1024;
      const lazy = chunks.size - initial.size;
      console.log(
        `\nConsole initial JavaScript (first screen): ${kb.toFixed(1)} KB gzip in ${initial.size} chunks (budget ${options.budgetKb} KB; ${lazy} lazy chunks)\n${lines.join("\n")}\n`,
      );
      if (kb > options.budgetKb)
        this.error(`initial console bundle ${kb.toFixed(1)} KB gzip exceeds ${options.budgetKb} KB`);
    },
  };
}
