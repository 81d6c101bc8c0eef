/**
 * Neuron activation functions (NeuralNetwork@activationFunction), applied to z = Σ weight·input + bias.
 * radialBasis is not here: its neurons compute a distance, not a weighted sum (see neural-network.ts).
 */
export const ACTIVATION_FUNCTIONS = [
  "threshold",
  "logistic",
  "tanh",
  "identity",
  "exponential",
  "reciprocal",
  "square",
  "Gauss",
  "sine",
  "cosine",
  "Elliott",
  "arctan",
  "rectifier",
  "radialBasis",
] as const;
export type ActivationFunction = (typeof ACTIVATION_FUNCTIONS)[number];

export function activation(name: Exclude<ActivationFunction, "radialBasis">, threshold: number, leakage: number | undefined): (z: number) => number {
  switch (name) {
    case "threshold":
      return (z) => (z > threshold ? 1 : 0);
    case "logistic":
      return (z) => 1 / (1 + Math.exp(-z));
    case "tanh":
      return Math.tanh;
    case "identity":
      return (z) => z;
    case "exponential":
      return Math.exp;
    case "reciprocal":
      return (z) => 1 / z;
    case "square":
      return (z) => z * z;
    case "Gauss":
      return (z) => Math.exp(-(z * z));
    case "sine":
      return Math.sin;
    case "cosine":
      return Math.cos;
    case "Elliott":
      return (z) => z / (1 + Math.abs(z));
    case "arctan":
      return (z) => (2 * Math.atan(z)) / Math.PI;
    case "rectifier":
      // PMML 4.4 NeuralLayer@leakage makes it a leaky rectifier.
      return leakage === undefined ? (z) => (z > 0 ? z : 0) : (z) => (z > 0 ? z : z * leakage);
  }
}
