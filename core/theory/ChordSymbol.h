// Lead-sheet chord symbols ("Dm7", "G7b9", "F#m7b5", "C-^7", "D7(b9,#11)", "C/E", "N.C."):
// parse with the chord grammar (ChordQuality), print normalised, voice, and name a set of
// sounding pitches.
#pragma once

#include "theory/Pitch.h"

#include <optional>
#include <string>
#include <vector>

namespace jazz::theory {

class ChordSymbol {
public:
    ChordSymbol() = default; // N.C.

    // How a root or bass is spelled: LeadSheet is Db Eb F# Ab Bb; Flats and Sharps follow a
    // key signature (Gb or F#, A# or Bb...).
    enum class Spelling { LeadSheet, Flats, Sharps };

    // Throws jazz::Error naming the symbol and what is wrong ("unknown chord quality 'q7'").
    static ChordSymbol parse(const std::string& text);
    // `error`: "chord symbol 'Cq7': unknown chord quality 'q7'".
    static std::optional<ChordSymbol> tryParse(const std::string& text, std::string* error);
    // `why`: the bare reason ("unknown chord quality 'q7'"), for callers that say where.
    static std::optional<ChordSymbol> read(const std::string& text, std::string* why);
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

    // The normalised name: "Bb13", "F#m7b5", "CmMaj7", "G7b9#11", "C/E", "N.C." (flats as b).
    std::string toString() const;
    // A close voicing: the bass (or root) in octave `bassOctave`, chord tones stacked above it.
    std::vector<int> voicing(int bassOctave = 3) const;
    ChordSymbol transposed(int semitones, Spelling spelling = Spelling::LeadSheet) const;
    // The accidentals of the key this chord would be the tonic of (a minor chord: its relative
    // major): Sharps for G D A E B, Flats otherwise (F Bb Eb Ab Db Gb, and C).
    Spelling keySpelling() const;

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
