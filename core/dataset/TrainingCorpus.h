// Everything training needs from MIDI files: the grammar values of every measure of every
// file, their vocabulary, and the chords (for generating over the corpus's own changes).
#pragma once

#include "corpus/Import.h"
#include "dataset/CorpusMeasure.h"
#include "dataset/Dataset.h"
#include "dataset/Vocabulary.h"
#include "grammar/Value.h"

#include <string>
#include <vector>

namespace jazz::dataset {

// One lead sheet's share of a corpus: a file, or one tune of a text corpus. Validation holds
// out whole pieces, never windows of a piece that is also trained on.
struct CorpusPiece {
    std::string source;
    size_t firstValue = 0, valueCount = 0;
    size_t firstMeasure = 0, measureCount = 0;
    double beatsPerBar = 4; // the commonest bar length among the pieces
};

struct TrainingCorpus {
    std::vector<std::string> sources;
    std::vector<CorpusPiece> pieces; // in corpus order, covering values and measures
    std::vector<std::string> values; // all files' measures, in order
    Vocabulary vocabulary;
    std::vector<int> indices; // values as vocabulary indices
    // Per value, the chord-aware model's step features (Conditions.h): values.size() rows of
    // kConditionWidth, describing where the value starts in its bar and the chord there.
    std::vector<float> conditions;
    std::vector<std::vector<CorpusChord>> chords; // per measure, offsets within it
    std::vector<std::vector<CorpusNote>> melody;  // per measure, offsets within it
    double beatsPerBar = 4;
};

// Imports each file with the same options and encodes it. Throws jazz::Error (naming the file)
// for unreadable files or files with nothing to learn.
TrainingCorpus loadTrainingCorpus(const std::vector<std::string>& paths,
                                  const corpus::ImportOptions& options);

// Encodes lead sheets (e.g. the bundled tunes) into a corpus.
TrainingCorpus trainingCorpus(const std::vector<corpus::LeadSheet>& sheets);

// Adds one lead sheet whose measures are already encoded (grammar::encode), as `source`.
// Throws jazz::Error if it holds no values.
void addEncodedSheet(TrainingCorpus& c, const corpus::LeadSheet& sheet,
                     const std::vector<std::vector<grammar::Value>>& encoded,
                     const std::string& source);
// Builds the vocabulary and indices once every sheet is in.
void finishCorpus(TrainingCorpus& c);

// The pieces `which` (indices into c.pieces) as a corpus of their own, with its own
// vocabulary (values, chords, melody and conditions copied in corpus order).
TrainingCorpus subsetCorpus(const TrainingCorpus& c, const std::vector<size_t>& which);

// Appends `more` (values, chords, melody, step conditions, sources) to `into` and rebuilds the
// vocabulary and indices over both.
void appendCorpus(TrainingCorpus& into, const TrainingCorpus& more);

// The studio's bundled corpus; with allKeys, each tune transposed into all 12 keys (within a
// playable range), which multiplies the data twelvefold.
TrainingCorpus bundledTrainingCorpus(bool allKeys = false);

} // namespace jazz::dataset
