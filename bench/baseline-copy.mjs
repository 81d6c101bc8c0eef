// The baseline of the sources benchmark: a bare Node script that does what the engine's
// "var file -> flat file" stream does, with nothing in between: read the DRUG CSV in 1 MiB
// chunks, split lines and fields, convert the numeric fields (Age, Na, K) to numbers, and
// write every record back as CSV through a stream with back-pressure.
//
//   node bench/baseline-copy.mjs <input.csv> <output.csv>
// Prints one JSON line: { rows, ms, cpuMs, maxRssKB }.
import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";

const [input, output] = process.argv.slice(2);
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const out = createWriteStream(output, { highWaterMark: 1 << 20 });
let rest = "";
let rows = 0;
let header = true;
for await (const chunk of createReadStream(input, { highWaterMark: 1 << 20, encoding: "utf8" })) {
  const text = rest + chunk;
  const end = text.lastIndexOf("\n");
  rest = text.slice(end + 1);
  const lines = text.slice(0, end).split("\n");
  let block = "";
  for (const line of lines) {
    if (header) {
      header = false;
      block += line + "\n";
      continue;
    }
    const f = line.split(",");
    const age = Number(f[0]);
    const na = Number(f[4]);
    const k = Number(f[5]);
    block += `${age},${f[1]},${f[2]},${f[3]},${na},${k},${f[6]}\n`;
    rows++;
  }
  if (!out.write(block)) await once(out, "drain");
}
out.end();
await once(out, "close");
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({ rows, ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKB: process.resourceUsage().maxRSS }));
