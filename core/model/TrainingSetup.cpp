#include "model/TrainingSetup.h"

#include "dataset/Conditions.h"

namespace jazz::model {

TrainingSetup prepareTraining(const dataset::TrainingCorpus& corpus, const TrainOptions& o,
                              const ModelShape& shape) {
    TrainingSetup s;
    TrainedModel& t = s.model;
    t.vocabulary = corpus.vocabulary;
    t.sources = corpus.sources;
    t.corpusChords = corpus.chords;
    t.corpusMelody = corpus.melody;
    t.beatsPerBar = corpus.beatsPerBar;
    t.options = o;
    const int n = corpus.vocabulary.size();
    s.data = shape.windows > 0
                 ? dataset::randomWindows(corpus.indices, n, shape.windows, shape.tx, o.seed)
                 : dataset::allWindows(corpus.indices, n, shape.tx);
    if (shape.chordAware)
        dataset::attachConditions(s.data, corpus.conditions, dataset::kConditionWidth);
    t.windows = s.data.m;
    t.model = LstmModel::initialized(
        {n, shape.hidden, shape.tx, shape.chordAware ? dataset::kConditionWidth : 0}, o.seed);
    return s;
}

} // namespace jazz::model
