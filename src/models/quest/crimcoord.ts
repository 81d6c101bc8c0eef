/**
 * CRIMCOORD (Gnanadesikan 1977), as QUEST uses it (Loh & Shih 1997, §2.3): a categorical
 * predictor's categories get the scores of the largest discriminant coordinate of its dummy
 * coding, turning it into an ordered variable.
 *
 * With K present categories, dummy coding drops the last one (K−1 columns, so the total
 * scatter T is non-singular). The coordinate a maximises a′Ba / a′Ta (B: between-class
 * scatter of the class-mean dummy vectors); we solve B a = λ T a through the Cholesky factor
 * T = LL′ and the symmetric matrix L⁻¹BL⁻′ (Jacobi rotations). Category k scores a_k (the
 * dropped category 0).
 */

/** Scores per category code (NaN for codes not present), or null when undefined. */
export function crimcoordScores(
  K: number, J: number, table: Float64Array /* K×J weights */, present: readonly number[],
): Float64Array | null {
  const m = present.length - 1;
  if (m < 1) return null;
  let n = 0;
  const classTotal = new Float64Array(J);
  const catTotal = present.map((k) => {
    let s = 0;
    for (let j = 0; j < J; j++) {
      s += table[k * J + j]!;
      classTotal[j]! += table[k * J + j]!;
    }
    n += s;
    return s;
  });
  // Means of the dummies: p_k = share of category k.
  const p = catTotal.slice(0, m).map((c) => c / n);
  // Total scatter: n·(diag(p) − p p′).
  const T = new Float64Array(m * m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) T[a * m + b] = n * ((a === b ? p[a]! : 0) - p[a]! * p[b]!);
  // Between-class scatter: Σ_j n_j (q_j − p)(q_j − p)′, q_j = category shares within class j.
  const B = new Float64Array(m * m);
  for (let j = 0; j < J; j++) {
    const nj = classTotal[j]!;
    if (!(nj > 0)) continue;
    const d = present.slice(0, m).map((k, a) => table[k * J + j]! / nj - p[a]!);
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) B[a * m + b]! += nj * d[a]! * d[b]!;
  }
  const L = cholesky(T, m);
  if (!L) return null;
  // M = L⁻¹ B L⁻′
  const Linv = lowerInverse(L, m);
  const tmp = multiply(Linv, B, m);
  const M = multiply(tmp, transpose(Linv, m), m);
  const { values, vectors } = jacobiEigen(M, m);
  let top = 0;
  for (let i = 1; i < m; i++) if (values[i]! > values[top]!) top = i;
  const u = Array.from({ length: m }, (_, i) => vectors[i * m + top]!);
  // a = L⁻′ u
  const a = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let k = 0; k < m; k++) s += Linv[k * m + i]! * u[k]!;
    a[i] = s;
  }
  // A fixed sign, so that results do not depend on the eigen solver's choice.
  let norm = 0;
  for (const x of a) norm += x * x;
  if (!(norm > 0)) return null;
  const big = a.reduce((bi, x, i) => (Math.abs(x) > Math.abs(a[bi]!) ? i : bi), 0);
  const sign = a[big]! < 0 ? -1 : 1;
  const scores = new Float64Array(K).fill(NaN);
  present.forEach((k, i) => (scores[k] = i < m ? (sign * a[i]!) / Math.sqrt(norm) : 0));
  return scores;
}

function cholesky(A: Float64Array, m: number): Float64Array | null {
  const L = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * m + j]!;
      for (let k = 0; k < j; k++) s -= L[i * m + k]! * L[j * m + k]!;
      if (i === j) {
        if (!(s > 1e-12)) return null;
        L[i * m + i] = Math.sqrt(s);
      } else L[i * m + j] = s / L[j * m + j]!;
    }
  }
  return L;
}

function lowerInverse(L: Float64Array, m: number): Float64Array {
  const X = new Float64Array(m * m);
  for (let c = 0; c < m; c++) {
    for (let i = 0; i < m; i++) {
      let s = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) s -= L[i * m + k]! * X[k * m + c]!;
      X[i * m + c] = s / L[i * m + i]!;
    }
  }
  return X;
}

function multiply(A: Float64Array, B: Float64Array, m: number): Float64Array {
  const C = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let k = 0; k < m; k++) {
    const a = A[i * m + k]!;
    if (a === 0) continue;
    for (let j = 0; j < m; j++) C[i * m + j]! += a * B[k * m + j]!;
  }
  return C;
}

function transpose(A: Float64Array, m: number): Float64Array {
  const T = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) T[j * m + i] = A[i * m + j]!;
  return T;
}

/** Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations; vectors in columns. */
export function jacobiEigen(S: Float64Array, m: number): { values: Float64Array; vectors: Float64Array } {
  const A = Float64Array.from(S);
  const V = new Float64Array(m * m);
  for (let i = 0; i < m; i++) V[i * m + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) off += A[i * m + j]! * A[i * m + j]!;
    if (off < 1e-24) break;
    for (let p = 0; p < m; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = A[p * m + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (A[q * m + q]! - A[p * m + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < m; k++) {
          const akp = A[k * m + p]!;
          const akq = A[k * m + q]!;
          A[k * m + p] = c * akp - s * akq;
          A[k * m + q] = s * akp + c * akq;
        }
        for (let k = 0; k < m; k++) {
          const apk = A[p * m + k]!;
          const aqk = A[q * m + k]!;
          A[p * m + k] = c * apk - s * aqk;
          A[q * m + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < m; k++) {
          const vkp = V[k * m + p]!;
          const vkq = V[k * m + q]!;
          V[k * m + p] = c * vkp - s * vkq;
          V[k * m + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(m);
  for (let i = 0; i < m; i++) values[i] = A[i * m + i]!;
  return { values, vectors: V };
}
