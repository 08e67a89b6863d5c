// A model ready to train on a corpus: its shape, initial weights and training windows. Lives on
// the model side because it builds a model from the data (dataset -> model, never back).
#pragma once

#include "dataset/Dataset.h"
#include "dataset/TrainingCorpus.h"
#include "model/ModelFile.h"
#include "model/Trainer.h"

namespace jazz::model {

struct TrainingSetup {
    TrainedModel model; // weights initialized; vocabulary, corpus and options filled in
    dataset::Dataset data;
};
struct ModelShape {
    int hidden = 64;         // n_a
    int tx = 30;             // window length
    int windows = 60;        // random windows (the notebook's 60), or 0 for every window
    bool chordAware = false; // also feed each step's chord and bar position (Conditions.h)
};
TrainingSetup prepareTraining(const dataset::TrainingCorpus& corpus, const TrainOptions& options,
                              const ModelShape& shape);

} // namespace jazz::model
