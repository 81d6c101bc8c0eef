/**
 * Small PMML documents whose scores can be worked out by hand, for the nugget tests.
 */
const head = (fields: string) => `<?xml version="1.0"?>
<PMML version="4.4" xmlns="http://www.dmg.org/PMML-4_4">
  <Header/>
  <DataDictionary>${fields}</DataDictionary>`;

const X = `<DataField name="x" optype="continuous" dataType="double"/>`;
const flagTarget = (name: string, dataType = "string", values = ["N", "Y"]) =>
  `<DataField name="${name}" optype="categorical" dataType="${dataType}">${values.map((v) => `<Value value="${v}"/>`).join("")}</DataField>`;

/**
 * x ≤ 5 → node 1 (N 3, Y 1: probabilities .75/.25, confidences .625/.375);
 * x > 5 → node 2 (N 1, Y 3: .25/.75, confidences .375/.625).
 */
export function treePmml(algorithm = "CHAID", target = "churn", dataType = "string", values = ["N", "Y"]): string {
  const [f, t] = values;
  return `${head(X + flagTarget(target, dataType, values))}
  <TreeModel functionName="classification" algorithmName="${algorithm}">
    <MiningSchema><MiningField name="x"/><MiningField name="${target}" usageType="target"/></MiningSchema>
    <Node id="0" score="${f}" recordCount="8"><True/>
      <Node id="1" score="${f}" recordCount="4"><SimplePredicate field="x" operator="lessOrEqual" value="5"/>
        <ScoreDistribution value="${f}" recordCount="3" probability="0.75" confidence="0.625"/>
        <ScoreDistribution value="${t}" recordCount="1" probability="0.25" confidence="0.375"/>
      </Node>
      <Node id="2" score="${t}" recordCount="4"><True/>
        <ScoreDistribution value="${f}" recordCount="1" probability="0.25" confidence="0.375"/>
        <ScoreDistribution value="${t}" recordCount="3" probability="0.75" confidence="0.625"/>
      </Node>
    </Node>
  </TreeModel>
</PMML>`;
}

/** y = 1 + 2x. */
export const REGRESSION_PMML = `${head(X + `<DataField name="y" optype="continuous" dataType="double"/>`)}
  <RegressionModel functionName="regression" algorithmName="Regression">
    <MiningSchema><MiningField name="x"/><MiningField name="y" usageType="target"/></MiningSchema>
    <RegressionTable intercept="1"><NumericPredictor name="x" coefficient="2"/></RegressionTable>
  </RegressionModel>
</PMML>`;

/** P(yes) = 1 / (1 + e^(−x)) (softmax of x against 0). */
export const LOGISTIC_PMML = `${head(X + flagTarget("buy", "string", ["no", "yes"]))}
  <RegressionModel functionName="classification" normalizationMethod="softmax" algorithmName="LogisticRegression">
    <MiningSchema><MiningField name="x"/><MiningField name="buy" usageType="target"/></MiningSchema>
    <RegressionTable intercept="0" targetCategory="yes"><NumericPredictor name="x" coefficient="1"/></RegressionTable>
    <RegressionTable intercept="0" targetCategory="no"/>
  </RegressionModel>
</PMML>`;

/** Two output neurons x and −x under softmax: P(a) = 1 / (1 + e^(−2x)). */
export const NEURAL_PMML = `${head(X + flagTarget("k", "string", ["a", "b"]))}
  <NeuralNetwork functionName="classification" activationFunction="identity" algorithmName="MLP">
    <MiningSchema><MiningField name="x"/><MiningField name="k" usageType="target"/></MiningSchema>
    <NeuralInputs><NeuralInput id="0"><DerivedField optype="continuous" dataType="double"><FieldRef field="x"/></DerivedField></NeuralInput></NeuralInputs>
    <NeuralLayer normalizationMethod="softmax">
      <Neuron id="1" bias="0"><Con from="0" weight="1"/></Neuron>
      <Neuron id="2" bias="0"><Con from="0" weight="-1"/></Neuron>
    </NeuralLayer>
    <NeuralOutputs>
      <NeuralOutput outputNeuron="1"><DerivedField optype="categorical" dataType="string"><NormDiscrete field="k" value="a"/></DerivedField></NeuralOutput>
      <NeuralOutput outputNeuron="2"><DerivedField optype="categorical" dataType="string"><NormDiscrete field="k" value="b"/></DerivedField></NeuralOutput>
    </NeuralOutputs>
  </NeuralNetwork>
</PMML>`;

/** Centres 0 and 10 on x; names cluster-1 and cluster-2 (as Modeler's K-Means PMML has them). */
export function clusteringPmml(modelName = "K-Means"): string {
  return `${head(X)}
  <ClusteringModel functionName="clustering" modelClass="centerBased" numberOfClusters="2" algorithmName="KMeans" modelName="${modelName}">
    <MiningSchema><MiningField name="x"/></MiningSchema>
    <ComparisonMeasure kind="distance"><euclidean/></ComparisonMeasure>
    <ClusteringField field="x"/>
    <Cluster name="cluster-1"><Array n="1" type="real">0</Array></Cluster>
    <Cluster name="cluster-2"><Array n="1" type="real">10</Array></Cluster>
  </ClusteringModel>
</PMML>`;
}

/** Instances x = 0 (low), 1 (low), 10 (high); k = 2. */
export const KNN_PMML = `${head(X + flagTarget("level", "string", ["high", "low"]))}
  <NearestNeighborModel functionName="classification" numberOfNeighbors="2" categoricalScoringMethod="majorityVote">
    <MiningSchema><MiningField name="x"/><MiningField name="level" usageType="target"/></MiningSchema>
    <TrainingInstances>
      <InstanceFields><InstanceField field="x" column="x"/><InstanceField field="level" column="level"/></InstanceFields>
      <InlineTable>
        <row><x>0</x><level>low</level></row>
        <row><x>1</x><level>low</level></row>
        <row><x>10</x><level>high</level></row>
      </InlineTable>
    </TrainingInstances>
    <ComparisonMeasure kind="distance"><euclidean/></ComparisonMeasure>
    <KNNInputs><KNNInput field="x"/></KNNInputs>
  </NearestNeighborModel>
</PMML>`;

/** A model element the evaluator does not score. */
export const TIME_SERIES_PMML = `${head(X)}
  <TimeSeriesModel functionName="timeSeries" bestFit="ExponentialSmoothing">
    <MiningSchema><MiningField name="x"/></MiningSchema>
  </TimeSeriesModel>
</PMML>`;
