// One file holds a trained model: weights, vocabulary, hyperparameters, training history, the
// corpus's chords (for --corpus-chords), and a format version, checked by a CRC-32.
#pragma once

#include "dataset/CorpusMeasure.h"
#include "dataset/Vocabulary.h"
#include "model/LstmModel.h"
#include "model/Trainer.h"

#include <string>
#include <vector>

namespace jazz::model {

using dataset::CorpusChord;
using dataset::CorpusNote;

struct TrainedModel {
    LstmModel model;
    dataset::Vocabulary vocabulary;
    TrainOptions options;
    int windows = 0;                  // training windows used
    std::vector<std::string> sources; // corpus files
    std::vector<EpochReport> history;
    std::vector<std::vector<CorpusChord>> corpusChords; // per corpus measure
    std::vector<std::vector<CorpusNote>> corpusMelody;  // per corpus measure (for evaluation)
    double beatsPerBar = 4;
    // How it was trained (version 3): "notebook" or "collection", the epoch whose weights it
    // holds, its validation loss and the n-gram baseline's on the same files (-1: none).
    std::string recipe = "notebook";
    int bestEpoch = 0;
    double validationShare = 0;
    int validationPieces = 0;
    double valLoss = -1;
    double ngramValLoss = -1;
    int ngramOrder = 0;
    // The sampling temperature its solos sound best at: 0.5 (deepjazz) for the notebook's
    // model; 1 for a collection model, whose calibrated distribution already matches the
    // collection (a colder one over-plays its commonest values: chord tones and eighths).
    double defaultTemperature() const { return recipe == "collection" ? 1.0 : 0.5; }
};

// The newest version this build reads (1: the notebook's model, 2: chord-aware, 3: trained
// with the collection recipe: validation history, unknown-value token, recipe settings).
constexpr int kModelFormatVersion = 3;
// The version a model is written as.
inline int formatVersion(const TrainedModel& m) {
    return m.recipe != "notebook" || m.validationPieces > 0 ? 3 : m.model.config.nCond > 0 ? 2 : 1;
}

// Written atomically. Throws jazz::Error naming the file on failure.
void saveModel(const TrainedModel& m, const std::string& path);
// Throws jazz::Error naming the file and the fault: truncated, corrupt (checksum), foreign
// (not a Jazz Studio model), a newer format version, or inconsistent contents.
TrainedModel loadModel(const std::string& path);
TrainedModel parseModel(const std::vector<uint8_t>& bytes, const std::string& source);
std::vector<uint8_t> serializeModel(const TrainedModel& m);

} // namespace jazz::model
