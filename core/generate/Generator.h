// Improvises a solo over a progression: per bar, sample grammar values until the bar is full
// (deepjazz's way; the notebook's fixed 50 values overflow a 4-beat bar), starting from
// "C,0.25" as the notebook does, then decode them over the bar's chords and clean up.
#pragma once

#include "generate/Progression.h"
#include "generate/Sampler.h"
#include "generate/TakeBar.h"
#include "grammar/Decoder.h"
#include "model/ModelFile.h"

#include <string>
#include <vector>

namespace jazz::generate {

struct SoloNote {
    double start = 0;    // quarter notes from the start of the solo
    double duration = 0; // quarter notes
    int pitch = 60;
    int velocity = 90;
    bool operator==(const SoloNote&) const = default;
};

struct Solo {
    Progression progression; // the chords it was played over (choruses expanded)
    std::vector<SoloNote> notes;
    // One record per bar of the progression (values, seed, origin, lock); see TakeBar.h.
    std::vector<TakeBar> bars;
    double lengthBeats() const { return progression.beatsPerBar * double(progression.bars.size()); }
    // The bar a note starts in (0-based; may lie outside the progression for a stray note).
    int barOf(const SoloNote& n) const;
    // The bars whose encoding a note is part of: its own, and the next when its onset snaps
    // onto that bar line (encodeBar reads onsets on the twelfth-of-a-beat grid).
    std::vector<int> barsOf(const SoloNote& n) const;
    int notesInBar(int bar) const;
    // Every bar's values, bar after bar.
    std::vector<std::string> allValues() const;
    // The records made to fit the progression: a missing bar's values encoded from its notes
    // (origin unknown), records past the end dropped.
    void fitBars();
    // Bars `bars` were changed by hand: their values are encoded again from the notes now
    // there (encodeBar) and they are marked edited; bars outside the progression are skipped.
    void markEdited(const std::vector<int>& bars);
};

struct GenerateOptions {
    SamplingOptions sampling;
    uint32_t seed = 0;
    int maxValuesPerBar = 64; // a safety stop for models that keep sampling zero lengths
    // The studio decodes classes as encoded and leads on over bar lines;
    // grammar::Decoding::notebook() reproduces the notebook (A and X as C, every measure afresh).
    grammar::Decoding decoding;
    // The notebook opens every bar with a fixed C,0.25 before sampling; the studio lets the
    // model choose the bar's first value too (the fixed sixteenth put an extra note and the
    // same onset pair at the head of every bar).
    bool openWithSixteenth = false;
    // The notebook restarts the LSTM from a zero state every bar, so every bar begins alike;
    // the studio runs one phrase through the whole solo, each bar following on from the last.
    bool carryState = true;
};
// The notebook's generation: A and X as C, fresh measures, a C,0.25 opening each bar.
GenerateOptions notebookGeneration();

// Bar after bar from one Improviser; bar b is played from seed Improviser::barSeed(seed, b).
Solo generateSolo(const model::TrainedModel& model, const Progression& progression,
                  const GenerateOptions& options);

struct ImprovisedBar;
// Adds an improvised bar to a solo: its notes moved to the bar's place, and its record
// (values, seed, generated) as bars[bar].
void appendBar(Solo& solo, const ImprovisedBar& bar);

// The model's own corpus chords as a progression (the notebook generates over these).
Progression corpusProgression(const model::TrainedModel& model);

} // namespace jazz::generate
