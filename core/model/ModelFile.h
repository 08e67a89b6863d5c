// One file holds a trained model: weights, vocabulary, hyperparameters, training history, the
// corpus's chords (for --corpus-chords), and a format version, checked by a CRC-32.
#pragma once

#include "dataset/Vocabulary.h"
#include "model/LstmModel.h"
#include "model/Trainer.h"

#include <string>
#include <vector>

namespace jazz::model {

// A chord of the training corpus, placed within its measure.
struct CorpusChord {
    double offset = 0; // quarter notes from the measure start
    std::vector<int> pitches;
};

// A note of the training corpus's melody, placed within its measure.
struct CorpusNote {
    double offset = 0;
    double duration = 0;
    int pitch = 60;
};

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
};

// The newest version this build reads (1: the notebook's model, 2: chord-aware).
constexpr int kModelFormatVersion = 2;
// The version a model is written as.
inline int formatVersion(const TrainedModel& m) { return m.model.config.nCond > 0 ? 2 : 1; }

// Written atomically. Throws jazz::Error naming the file on failure.
void saveModel(const TrainedModel& m, const std::string& path);
// Throws jazz::Error naming the file and the fault: truncated, corrupt (checksum), foreign
// (not a Jazz Studio model), a newer format version, or inconsistent contents.
TrainedModel loadModel(const std::string& path);
TrainedModel parseModel(const std::vector<uint8_t>& bytes, const std::string& source);
std::vector<uint8_t> serializeModel(const TrainedModel& m);

} // namespace jazz::model
