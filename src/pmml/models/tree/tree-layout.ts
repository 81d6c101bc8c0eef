/**
 * A tree flattened into typed arrays for the scoring walk.
 *
 * Nodes are numbered breadth-first so that every node's children are contiguous
 * ([firstChild, firstChild + childCount)); each node's predicate is stored as a test code: kind,
 * operator, batch-column index and constant (see column-tests.ts), with the closure kept only for
 * generic predicates. The walk is then array reads and compares — no object graph, no calls for
 * numeric splits.
 */
import { TRUTH } from "../../predicates/compile-predicate.js";
import {
  KIND_COLUMN as IMPORTED_KIND_COLUMN,
  KIND_FALSE as IMPORTED_KIND_FALSE,
  KIND_TRUE as IMPORTED_KIND_TRUE,
  OP_EQ,
  OP_GE,
  OP_GT,
  OP_LE,
  OP_LT,
  OP_MISSING,
  OP_NE,
  type Test,
} from "../../predicates/column-tests.js";
import type { Frame } from "../../runtime/frame.js";
import type { TreeNode } from "./tree-nodes.js";

const { TRUE, FALSE, UNKNOWN } = TRUTH;
const KIND_COLUMN = IMPORTED_KIND_COLUMN;
const KIND_TRUE = IMPORTED_KIND_TRUE;
const KIND_FALSE = IMPORTED_KIND_FALSE;
const [LT, LE, GT, GE, EQ, NE, MISSING] = [OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE, OP_MISSING];

export interface TreeLayout {
  readonly nodes: TreeNode[];
  readonly indexOf: Map<TreeNode, number>;
  readonly firstChild: Int32Array;
  readonly childCount: Int32Array;
  readonly defaultChild: Int32Array;
  readonly kind: Uint8Array;
  readonly op: Uint8Array;
  readonly column: Int32Array;
  readonly value: Float64Array;
  readonly tests: Test[];
  /**
   * 1 when a node has two children whose tests are exact complements on the same column
   * (x ≤ t / x > t): once the first is FALSE the second is TRUE without testing it.
   */
  readonly complementary: Uint8Array;
  /**
   * For complementary splits, the split as "x ≤ t" (SPLIT_LE), "x < t" (SPLIT_LT) or "x = t"
   * (SPLIT_EQ) on column `splitColumn[i]` with constant `threshold[i]`, going to child `low[i]`
   * when it holds and `high[i]` when not: one compare per level, whatever the operators' order.
   */
  readonly split: Uint8Array;
  readonly splitColumn: Int32Array;
  readonly threshold: Float64Array;
  readonly low: Int32Array;
  readonly high: Int32Array;
}

export const SPLIT_NONE = 0;
export const SPLIT_LE = 1;
export const SPLIT_LT = 2;
export const SPLIT_EQ = 3;

/** Operator of the first child → the split, and whether the first child is the side where it holds. */
const SPLIT_OF: Record<number, [split: number, firstHolds: boolean]> = {
  [OP_LE]: [SPLIT_LE, true],
  [OP_GT]: [SPLIT_LE, false],
  [OP_LT]: [SPLIT_LT, true],
  [OP_GE]: [SPLIT_LT, false],
  [OP_EQ]: [SPLIT_EQ, true],
  [OP_NE]: [SPLIT_EQ, false],
};

const COMPLEMENT: Record<number, number> = { [OP_LT]: OP_GE, [OP_GE]: OP_LT, [OP_LE]: OP_GT, [OP_GT]: OP_LE, [OP_EQ]: OP_NE, [OP_NE]: OP_EQ };

function complementary(a: Test, b: Test): boolean {
  return a.kind === IMPORTED_KIND_COLUMN && b.kind === IMPORTED_KIND_COLUMN && a.column === b.column && a.value === b.value && COMPLEMENT[a.op] === b.op;
}

export function layoutTree(root: TreeNode): TreeLayout {
  const nodes: TreeNode[] = [root];
  for (let i = 0; i < nodes.length; i++) for (const c of nodes[i]!.children) nodes.push(c);
  const n = nodes.length;
  const indexOf = new Map(nodes.map((node, i) => [node, i]));
  const layout: TreeLayout = {
    nodes,
    indexOf,
    firstChild: new Int32Array(n),
    childCount: new Int32Array(n),
    defaultChild: new Int32Array(n).fill(-1),
    kind: new Uint8Array(n),
    op: new Uint8Array(n),
    column: new Int32Array(n),
    value: new Float64Array(n),
    tests: nodes.map((node) => node.test),
    complementary: new Uint8Array(n),
    split: new Uint8Array(n),
    splitColumn: new Int32Array(n),
    threshold: new Float64Array(n),
    low: new Int32Array(n),
    high: new Int32Array(n),
  };
  nodes.forEach((node, i) => {
    layout.childCount[i] = node.children.length;
    layout.firstChild[i] = node.children.length > 0 ? indexOf.get(node.children[0]!)! : -1;
    if (node.defaultChild) layout.defaultChild[i] = indexOf.get(node.defaultChild)!;
    layout.kind[i] = node.test.kind;
    layout.op[i] = Math.max(0, node.test.op);
    layout.column[i] = node.test.column;
    layout.value[i] = node.test.value;
    if (node.children.length === 2 && complementary(node.children[0]!.test, node.children[1]!.test)) {
      layout.complementary[i] = 1;
      const first = layout.firstChild[i]!;
      const test = node.children[0]!.test;
      const [split, firstHolds] = SPLIT_OF[test.op]!;
      layout.split[i] = split;
      layout.splitColumn[i] = test.column;
      layout.threshold[i] = test.value;
      layout.low[i] = firstHolds ? first : first + 1;
      layout.high[i] = firstHolds ? first + 1 : first;
    }
  });
  return layout;
}

/** The three-valued result of node `i`'s predicate for `row` (generic predicates read the frame's row). */
export function testNode(t: TreeLayout, i: number, cols: Float64Array[], row: number, f: Frame): number {
  const kind = t.kind[i]!;
  if (kind === KIND_COLUMN) {
    const x = cols[t.column[i]!]![row]!;
    const op = t.op[i]!;
    if (x !== x) return op === MISSING ? TRUE : op > MISSING ? FALSE : UNKNOWN;
    const c = t.value[i]!;
    switch (op) {
      case LT:
        return x < c ? TRUE : FALSE;
      case LE:
        return x <= c ? TRUE : FALSE;
      case GT:
        return x > c ? TRUE : FALSE;
      case GE:
        return x >= c ? TRUE : FALSE;
      case EQ:
        return x === c ? TRUE : FALSE;
      case NE:
        return x !== c ? TRUE : FALSE;
      case MISSING:
        return FALSE;
      default:
        return TRUE;
    }
  }
  if (kind === KIND_TRUE) return TRUE;
  if (kind === KIND_FALSE) return FALSE;
  return t.tests[i]!.predicate(f);
}
