// Improvises bar by bar: holds the LSTM's state, can be primed with a known phrase, and plays one
// bar at a time from one seed per bar, so a kept bar can be reproduced and bar k can be redone
// from the state after bar k-1 (snapshot()/restore()).
#pragma once

#include "generate/Generator.h"

#include <cstdint>
#include <string>
#include <vector>

namespace jazz::generate {

// What the Improviser carries from bar to bar.
struct ImproviserState {
    model::LstmState lstm;
    int input = -1;         // the last value fed to the LSTM (-1: the zero vector)
    int previousPitch = -1; // the last note played (-1: none), for voice leading
};

struct ImprovisedBar {
    int bar = 0; // index into the progression
    uint32_t seed =
        0; // the seed that made it: nextBar(bars, bar, seed) from `before` makes it again
    std::vector<std::string> values; // sampled, the notebook's opening C,0.25 included
    // Start in quarter notes from the bar's start (not the solo's), clipped to the bar.
    std::vector<SoloNote> notes;
    ImproviserState before, after; // the state it was played from, and the one it left
};

class Improviser {
public:
    // `model` must outlive the Improviser. options.seed is not used (each bar has its own).
    Improviser(const model::TrainedModel& model, const GenerateOptions& options);

    // Feeds known values through the LSTM without sampling: `values[i]` is bar `first + i` of
    // `bars` (its chords give a chord-aware model its conditions). A value the vocabulary lacks
    // is read as its unknown token, or skipped when it has none. `lastPitch` (-1: keep) is the
    // phrase's last note, for the next bar's voice leading. Returns the values fed.
    int prime(const Progression& bars, int first,
              const std::vector<std::vector<std::string>>& values, int lastPitch = -1);

    // Samples bar `barIndex` of `bars` until it is full (the model's values, or maxValuesPerBar)
    // and decodes it. The seed drives both sampling and decoding through two engines derived
    // from it, so the same state and seed give the same bar.
    ImprovisedBar nextBar(const Progression& bars, int barIndex, uint32_t seed);

    // The model's distribution over the vocabulary for the first value of bar `barIndex`, from
    // the current state (the state is left as it is).
    std::vector<float> firstValueProbabilities(const Progression& bars, int barIndex) const;

    ImproviserState snapshot() const { return state_; }
    void restore(const ImproviserState& s) { state_ = s; }
    // Back to the zero state, no previous pitch.
    void reset();

    // Bar b's seed in a take of seed `seed` (a SplitMix64 of both).
    static uint32_t barSeed(uint32_t seed, int bar);

private:
    void stepWith(int input, const Progression& bars, int barIndex, double position,
                  std::vector<float>& probs, ImproviserState& s) const;

    const model::TrainedModel& model_;
    SamplingOptions sampling_;
    grammar::Decoding decoding_;
    int maxValuesPerBar_;
    bool openWithSixteenth_;
    bool carryState_;
    ImproviserState state_;
};

} // namespace jazz::generate
