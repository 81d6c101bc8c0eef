/**
 * A TypeScript builder for programs that make streams:
 *
 * ```ts
 * const b = new StreamBuilder("drug");
 * const table = b.add("variablefile", { full_filename: "drug.csv" })
 *   .then("derive", { new_name: "Na_to_K", formula_expr: "NA / K" })
 *   .then("table");
 * const stream = b.scoringBranch(table).build();
 * ```
 *
 * Ids are generated from the type (`derive1`, `derive2`) unless given. `build()` checks the
 * graph (ids, links, cycles) the same way the JSON reader does.
 */
import type { NuggetModel, Stream, StreamLink, StreamNode, StreamParameter, StreamScript } from "./model.js";
import { NODE_ID_PATTERN } from "./model.js";
import { StreamFormatError } from "./errors.js";
import { StreamGraph } from "./graph.js";

export interface AddNodeOptions {
  id?: string;
  name?: string;
  label?: string;
  enabled?: boolean;
  builder?: NodeHandle | string;
  model?: NuggetModel;
}

export class NodeHandle {
  constructor(private readonly owner: StreamBuilder, readonly id: string) {}

  /** Adds a node fed by this one and returns it. */
  then(type: string, properties: Record<string, unknown> = {}, options: AddNodeOptions = {}): NodeHandle {
    const next = this.owner.add(type, properties, options);
    this.owner.link(this, next);
    return next;
  }

  /** Links this node into an existing one (e.g. a second Merge input). */
  into(target: NodeHandle, tag?: string): NodeHandle {
    this.owner.link(this, target, tag);
    return target;
  }
}

export class StreamBuilder {
  private readonly nodes: StreamNode[] = [];
  private readonly links: StreamLink[] = [];
  private readonly parameters: StreamParameter[] = [];
  private properties: Record<string, unknown> = {};
  private scoring?: string;
  private modelBuild?: string;
  private scriptValue?: StreamScript;
  private readonly counters = new Map<string, number>();

  constructor(private readonly name = "stream", private readonly baseDir?: string) {}

  add(type: string, properties: Record<string, unknown> = {}, options: AddNodeOptions = {}): NodeHandle {
    const id = options.id ?? this.nextId(type);
    if (!NODE_ID_PATTERN.test(id)) throw new StreamFormatError(`node id "${id}" must match ${NODE_ID_PATTERN}`, { node: id });
    if (this.nodes.some((n) => n.id === id)) throw new StreamFormatError(`node id "${id}" is used twice`, { node: id });
    const builder = options.builder instanceof NodeHandle ? options.builder.id : options.builder;
    this.nodes.push({
      id,
      type,
      enabled: options.enabled ?? true,
      properties: { ...properties },
      ...(options.name !== undefined && { name: options.name }),
      ...(options.label !== undefined && { label: options.label }),
      ...(builder !== undefined && { builder }),
      ...(options.model !== undefined && { model: options.model }),
    });
    return new NodeHandle(this, id);
  }

  link(from: NodeHandle | string, to: NodeHandle | string, tag?: string): this {
    this.links.push({ from: idOf(from), to: idOf(to), ...(tag !== undefined && { tag }) });
    return this;
  }

  parameter(name: string, storage: StreamParameter["storage"], value: StreamParameter["value"], label?: string): this {
    this.parameters.push({ name, storage, value, ...(label !== undefined && { label }) });
    return this;
  }

  option(name: string, value: unknown): this {
    this.properties = { ...this.properties, [name]: value };
    return this;
  }

  scoringBranch(node: NodeHandle | string): this {
    this.scoring = idOf(node);
    return this;
  }

  modelBuildNode(node: NodeHandle | string): this {
    this.modelBuild = idOf(node);
    return this;
  }

  script(script: StreamScript): this {
    this.scriptValue = script;
    return this;
  }

  build(): Stream {
    const stream: Stream = {
      name: this.name,
      parameters: [...this.parameters],
      properties: { ...this.properties },
      nodes: [...this.nodes],
      links: [...this.links],
      ...(this.scoring !== undefined && { scoringBranch: this.scoring }),
      ...(this.modelBuild !== undefined && { modelBuildNode: this.modelBuild }),
      ...(this.scriptValue !== undefined && { script: this.scriptValue }),
      ...(this.baseDir !== undefined && { baseDir: this.baseDir }),
      source: { format: "builder" },
    };
    new StreamGraph(stream).assertAcyclic();
    return stream;
  }

  private nextId(type: string): string {
    let n = this.counters.get(type) ?? 0;
    let id: string;
    do {
      n++;
      id = `${type}${n}`;
    } while (this.nodes.some((x) => x.id === id));
    this.counters.set(type, n);
    return id;
  }
}

function idOf(x: NodeHandle | string): string {
  return typeof x === "string" ? x : x.id;
}
