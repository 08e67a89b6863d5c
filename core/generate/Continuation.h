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
    bool studioTake = false; // its melody is a track named "Solo": a take Jazz Studio wrote
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

// A phrase as a take: its chords and notes, each bar's record holding its encoding and
// `origin` (primed for a phrase to continue, unknown for a take read back from a file).
Solo takeFromPhrase(const Phrase& phrase, BarOrigin origin);

// Candidate seeds a bar leading into a kept bar tries (see improviseBars).
constexpr int kLeadInCandidates = 8;
// A lead-in lands "on" the next kept bar's first note within this many semitones.
constexpr int kLeadInReach = 2;

// The take with the bars marked in `redo` improvised again over its chords, in order. The
// model hears every bar before a redone one as it now is (a kept bar's recorded values, so an
// edited bar primes with what is really there); every bar not redone keeps its notes and its
// record. Bar b is played from Improviser::barSeed(options.seed, b), except a lead-in: a redone
// bar followed by a kept bar with notes tries up to `leadInCandidates` seeds (the first is
// barSeed's, the others barSeed(thatSeed, -i)) and keeps the first whose last note lies within
// kLeadInReach semitones of the kept bar's first note, else the nearest (earliest on a tie).
// Candidates rather than steering the decoder: each candidate is a bar the model itself played
// from that state, and its seed (recorded) reproduces it. `redo` may be shorter than the
// progression (the rest are kept). Throws jazz::Error when the take's records do not cover
// its bars.
Solo improviseBars(const model::TrainedModel& model, const Solo& take,
                   const std::vector<bool>& redo, const GenerateOptions& options,
                   int leadInCandidates = kLeadInCandidates);

// The phrase's bars as they are (notes unchanged), then `progression` improvised by a model
// primed with the phrase: bar b of the whole solo is played from Improviser::barSeed(seed, b).
Solo continuePhrase(const model::TrainedModel& model, const Phrase& phrase,
                    const Progression& progression, const GenerateOptions& options);

// Bars first..last (0-based, inclusive) of the take improvised again over its chords, from the
// state its bars before `first` leave (the model primed with their values); every note starting
// in another bar is kept as it is. Bar b is played from Improviser::barSeed(options.seed, b),
// bar `last` leading into bar last+1 (see improviseBars).
// Throws jazz::Error for a range outside the take.
Solo regenerateBars(const model::TrainedModel& model, const Phrase& take, int first, int last,
                    const GenerateOptions& options);

} // namespace jazz::generate
