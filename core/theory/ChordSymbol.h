// Lead-sheet chord symbols ("Dm7", "G7b9", "F#m7b5", "C/E", "N.C."): parse, print, voice,
// and name a set of sounding pitches.
#pragma once

#include "theory/Pitch.h"

#include <optional>
#include <string>
#include <vector>

namespace jazz::theory {

class ChordSymbol {
public:
    ChordSymbol() = default; // N.C.

    // Throws jazz::Error naming the symbol and what is wrong ("unknown chord quality 'q7'").
    static ChordSymbol parse(const std::string& text);
    static std::optional<ChordSymbol> tryParse(const std::string& text, std::string* error);
    // Names sounding MIDI pitches: the best-fitting quality over every candidate root, the
    // lowest note as a slash bass when it is not the root. Empty input gives N.C.
    static ChordSymbol identify(const std::vector<int>& midiPitches);

    bool isNoChord() const { return noChord_; }
    const Pitch& root() const { return root_; }
    const std::string& suffix() const { return suffix_; }
    std::optional<Pitch> bass() const { return bass_; }
    // Semitones above the root, ascending, the root's 0 included.
    const std::vector<int>& intervals() const { return intervals_; }
    std::vector<int> pitchClasses() const;

    // "Bb13", "F#m7b5", "C/E", "N.C." (flats printed as b).
    std::string toString() const;
    // A close voicing: the bass (or root) in octave `bassOctave`, chord tones stacked above it.
    std::vector<int> voicing(int bassOctave = 3) const;
    // Respelled for the new root: flats (Db Eb Ab Bb) unless preferSharps (sharp keys).
    ChordSymbol transposed(int semitones, bool preferSharps = false) const;

    bool operator==(const ChordSymbol& o) const {
        return noChord_ == o.noChord_ && (noChord_ || (root_.pitchClass() == o.root_.pitchClass() &&
                                                       intervals_ == o.intervals_ &&
                                                       bassPc() == o.bassPc()));
    }

private:
    int bassPc() const { return bass_ ? bass_->pitchClass() : -1; }
    bool noChord_ = true;
    Pitch root_;
    std::string suffix_;
    std::optional<Pitch> bass_;
    std::vector<int> intervals_;
};

} // namespace jazz::theory
