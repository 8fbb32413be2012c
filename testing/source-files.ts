import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** The production TypeScript files under `directories` (relative to the repository), tests left out. */
export function productionSourceFiles(directories: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (directory: string) => {
    for (const name of readdirSync(directory)) {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !name.endsWith(".test.ts")) found.push(path);
    }
  };
  for (const directory of directories) walk(join(process.cwd(), directory));
  return found;
}
