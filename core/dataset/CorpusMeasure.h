// The corpus's chords and melody placed within each measure: what a trained model keeps of its
// corpus (for --corpus-chords and for evaluation). Data side, so model/ includes it, never the
// other way round (data flows dataset -> model).
#pragma once

#include <vector>

namespace jazz::dataset {

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

} // namespace jazz::dataset
