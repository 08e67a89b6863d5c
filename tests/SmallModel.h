// A small model the generation, composing, trading and live tests share: trained in a moment on
// one phrase of values whose durations fill bars (chord, scale and approach tones, a rest, a
// triplet), enough to generate, regenerate, continue and answer from.
#pragma once

#include "dataset/Dataset.h"
#include "dataset/Vocabulary.h"
#include "model/ModelFile.h"
#include "model/Trainer.h"

#include <string>
#include <vector>

inline jazz::model::TrainedModel smallTrainedModel() {
    using namespace jazz;
    model::TrainedModel t;
    const std::vector<std::string> phrase = {
        "C,0.500",          "S,0.250,<m2,P-4>", "C,0.250,<M2,d-4>", "R,0.500",
        "C,0.500,<P4,m-2>", "A,0.250,<d5,P1>",  "C,0.250,<m3,m-3>", "S,1.000,<M3,d-3>",
        "C,0.333,<P1,d-5>", "C,0.333,<m2,P-4>", "S,0.333,<M-2,m-6>"};
    t.vocabulary = dataset::Vocabulary::fromValues(phrase);
    std::vector<int> corpus;
    for (int r = 0; r < 20; ++r)
        for (const auto& v : phrase)
            corpus.push_back(*t.vocabulary.index(v));
    const auto data = dataset::randomWindows(corpus, t.vocabulary.size(), 40, 12, 0);
    t.model = model::LstmModel::initialized({t.vocabulary.size(), 24, 12}, 2);
    model::TrainOptions o;
    o.epochs = 40;
    model::train(t.model, data, o);
    t.corpusChords = {{{0, {50, 53, 57, 60}}, {2, {43, 47, 50, 53}}}, {{0, {48, 52, 55, 59}}}};
    return t;
}
