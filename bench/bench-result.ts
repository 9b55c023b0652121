/** What every benchmark in bench/ returns: a name and the lines it prints (a small table, ratios, target checks). */
export interface BenchResult {
  name: string;
  lines: string[];
}
