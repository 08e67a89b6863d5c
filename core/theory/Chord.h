// A sounding chord of spelled pitches, analysed the way music21 analyses it (root by stacked
// thirds over letter names, quality from the third and fifth), which the grammar depends on.
#pragma once

#include "theory/Pitch.h"

#include <string>
#include <vector>

namespace jazz::theory {

class Chord {
public:
    Chord() = default;
    explicit Chord(std::vector<Pitch> pitches) : pitches_(std::move(pitches)) {}
    static Chord fromMidi(const std::vector<int>& midiPitches);

    const std::vector<Pitch>& pitches() const { return pitches_; }
    bool empty() const { return pitches_.empty(); }

    // music21's Chord.root(): among the first pitch of each letter, the first that has all the
    // chord steps (3, 5, 7, 2, 4, 6, as many as the chord has letters less one) above it;
    // else the best partial fit.
    Pitch root() const;
    // "major", "minor", "diminished", "augmented" or "other" (music21's Chord.quality).
    std::string quality() const;
    bool hasName(const std::string& name) const; // a pitch spelled `name` is in the chord
    // Pitches sorted by staff position then by pitch (music21's sortAscending).
    std::vector<Pitch> sortedAscending() const;

private:
    // First pitch a letter-step `step` above `root` (1 = root's letter), or nullptr.
    const Pitch* chordStep(const Pitch& root, int step) const;
    int semitonesFromChordStep(const Pitch& root, int step, bool* found) const;
    bool hasRepeatedChordStep(const Pitch& root, int step) const;

    std::vector<Pitch> pitches_;
};

} // namespace jazz::theory
