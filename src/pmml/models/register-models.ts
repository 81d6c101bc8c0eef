/**
 * Loads every model compiler (each registers itself with compile-model.ts).
 */
import "./tree/tree-model.js";
import "./regression/regression-model.js";
import "./mining/mining-model.js";
import "./neural-network/neural-network.js";
import "./clustering/clustering-model.js";
import "./general-regression/general-regression-model.js";
import "./naive-bayes/naive-bayes-model.js";
import "./svm/svm-model.js";
import "./rule-set/rule-set-model.js";
import "./scorecard/scorecard-model.js";
import "./nearest-neighbor/nearest-neighbor-model.js";
