// Everything training needs from MIDI files: the grammar values of every measure of every
// file, their vocabulary, and the chords (for generating over the corpus's own changes).
#pragma once

#include "corpus/Import.h"
#include "dataset/Vocabulary.h"
#include "model/ModelFile.h"

#include <string>
#include <vector>

namespace jazz::dataset {

struct TrainingCorpus {
    std::vector<std::string> sources;
    std::vector<std::string> values; // all files' measures, in order
    Vocabulary vocabulary;
    std::vector<int> indices; // values as vocabulary indices
    std::vector<std::vector<model::CorpusChord>> chords; // per measure, offsets within it
    std::vector<std::vector<model::CorpusNote>> melody;  // per measure, offsets within it
    double beatsPerBar = 4;
};

// Imports each file with the same options and encodes it. Throws jazz::Error (naming the file)
// for unreadable files or files with nothing to learn.
TrainingCorpus loadTrainingCorpus(const std::vector<std::string>& paths,
                                  const corpus::ImportOptions& options);

// Encodes lead sheets (e.g. the bundled tunes) into a corpus.
TrainingCorpus trainingCorpus(const std::vector<corpus::LeadSheet>& sheets);

// The studio's bundled corpus; with allKeys, each tune transposed into all 12 keys (within a
// playable range), which multiplies the data twelvefold.
TrainingCorpus bundledTrainingCorpus(bool allKeys = false);

} // namespace jazz::dataset
