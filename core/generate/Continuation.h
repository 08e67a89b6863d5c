// Composing on from what is already there: a phrase (any MIDI file with a melody over chords)
// continued by the model from the LSTM state the phrase leaves, and a take whose bars A..B are
// improvised again in place while every other bar keeps its notes.
#pragma once

#include "generate/Generator.h"

#include <optional>
#include <string>
#include <vector>

namespace jazz::generate {

// A phrase or take read back from a MIDI file.
struct Phrase {
    std::string source;
    Progression chords;          // one entry per bar (an empty bar holds the chord before)
    std::vector<SoloNote> notes; // the melody track's notes, from the first bar's start
    std::vector<std::vector<std::string>> values; // per bar, the grammar's encoding of it
    double bpm = 120;
    bool onGrid = true; // every note was on the twelfth-of-a-beat grid as read (a quantized take)
    int bars() const { return int(chords.bars.size()); }
};

// Reads a phrase: the melody and chord tracks as corpus::importLeadSheet picks them (or the
// track named "Solo" when there is one: a take written by `generate`), the bars from the
// melody's first bar to the end of the last note of any track. Without `swingRatio` the
// melody's notes are kept exactly as they are (a phrase to continue). With it (a take to
// edit) they are read as written: a take on the grid (--quantized) as it is, a take played
// with swing at that ratio and human timing read back onto the grid (see backOnTheGrid in the
// source; a triplet beat with few onsets can read as a swung one), velocities as written (90),
// since dynamics are the performance stage's. Throws jazz::Error naming the file and the fault.
Phrase readPhrase(const std::string& path, std::optional<double> swingRatio = std::nullopt);

// The phrase's bars as they are (notes unchanged), then `progression` improvised by a model
// primed with the phrase: bar b of the whole solo is played from Improviser::barSeed(seed, b).
Solo continuePhrase(const model::TrainedModel& model, const Phrase& phrase,
                    const Progression& progression, const GenerateOptions& options);

// Bars first..last (0-based, inclusive) of the take improvised again over its chords, from the
// state its bars before `first` leave (the model primed with their values); every note starting
// in another bar is kept as it is. Bar b is played from Improviser::barSeed(options.seed, b).
// Throws jazz::Error for a range outside the take.
Solo regenerateBars(const model::TrainedModel& model, const Phrase& take, int first, int last,
                    const GenerateOptions& options);

} // namespace jazz::generate
